/**
 * The processes of a chaos run: ZooKeeper servers, the database server and the demo service instances, each a
 * separate operating-system process that can be killed, paused, resumed and restarted.
 */
package dev.steadfast.chaos.process;
