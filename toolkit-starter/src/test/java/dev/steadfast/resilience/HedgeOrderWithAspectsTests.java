package dev.steadfast.resilience;

/** Hedging among Resilience4j's annotations with steadfast.resilience.fast-path.enabled=false. */
class HedgeOrderWithAspectsTests extends HedgeOrderContract {

    @Override
    boolean fastPath() {
        return false;
    }
}
