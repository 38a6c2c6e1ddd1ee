/** Health of the shared ZooKeeper client. */
package dev.steadfast.zookeeper.health;
