package dev.steadfast.chaos.network;

/** What a service instance talks to over the network, besides its clients. */
public enum Link {
    /** Every ZooKeeper server: sessions, leader election, discovery. */
    ZOOKEEPER,
    /** The shared database server. */
    DATABASE
}
