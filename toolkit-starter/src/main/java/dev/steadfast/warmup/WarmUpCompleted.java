package dev.steadfast.warmup;

import java.time.Duration;

/**
 * Published once the warm-up has ended, on the thread that ran it (the application's main thread), before the
 * application reports {@code ACCEPTING_TRAFFIC}.
 *
 * @param took how long the warm-up ran
 * @param sent the requests sent
 * @param unexpected the answers that were not what the request expected (or failed), each logged
 * @param timedOut whether the warm-up stopped at its time limit before sending every request
 */
public record WarmUpCompleted(Duration took, int sent, int unexpected, boolean timedOut) {}
