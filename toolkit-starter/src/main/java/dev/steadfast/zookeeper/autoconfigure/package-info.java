/** Auto-configuration of the shared ZooKeeper client and its health indicator. */
package dev.steadfast.zookeeper.autoconfigure;
