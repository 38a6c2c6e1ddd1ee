/** The seeded fault schedule and the injector that carries it out against the processes of a run. */
package dev.steadfast.chaos.fault;
