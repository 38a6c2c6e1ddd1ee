/** Implementation details of the shared ZooKeeper client; not an API. */
package dev.steadfast.zookeeper.internal;
