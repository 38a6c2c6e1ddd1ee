package dev.steadfast.chaos.fault;

/**
 * A fault as it was injected.
 *
 * @param startMillis when it hit, in milliseconds since the run started
 * @param endMillis when it was healed (the process was running and ready again, the assault off)
 * @param kind the kind of fault
 * @param target the process or processes it hit
 * @param detail what was done, for the report
 */
public record FaultEvent(long startMillis, long endMillis, FaultKind kind, String target, String detail) {}
