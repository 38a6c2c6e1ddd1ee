package dev.steadfast.resilience;

/** Hedging among Resilience4j's annotations with steadfast.resilience.fast-path.enabled=true. */
class HedgeOrderWithFastPathTests extends HedgeOrderContract {

    @Override
    boolean fastPath() {
        return true;
    }
}
