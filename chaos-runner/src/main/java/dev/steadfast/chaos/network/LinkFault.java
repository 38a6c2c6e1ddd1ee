package dev.steadfast.chaos.network;

/**
 * What happens to the traffic of a link.
 *
 * @param kind the kind of fault
 * @param delayMillis the added latency per chunk of data, for {@link Kind#DELAY}
 */
public record LinkFault(Kind kind, long delayMillis) {

    /** The kinds of link fault, as Toxiproxy names similar ones. */
    public enum Kind {
        /** Traffic flows. */
        NONE,
        /**
         * Nothing gets through in either direction and nothing is closed: a partition that looks like silence. What
         * was sent meanwhile arrives once the link heals, as TCP retransmits it.
         */
        BLACK_HOLE,
        /** Every connection is closed with a TCP reset, and new ones are reset at once. */
        RESET,
        /** Bytes flow, each chunk late by {@code delayMillis}. */
        DELAY,
        /** The instance's bytes are held back until the heal; the answers of the other side still arrive. */
        CUT_OUTBOUND,
        /** The other side's answers are held back until the heal; the instance's bytes still arrive. */
        CUT_INBOUND
    }

    public static final LinkFault NONE = new LinkFault(Kind.NONE, 0);
    public static final LinkFault BLACK_HOLE = new LinkFault(Kind.BLACK_HOLE, 0);
    public static final LinkFault RESET = new LinkFault(Kind.RESET, 0);
    public static final LinkFault CUT_OUTBOUND = new LinkFault(Kind.CUT_OUTBOUND, 0);
    public static final LinkFault CUT_INBOUND = new LinkFault(Kind.CUT_INBOUND, 0);

    public static LinkFault delay(long millis) {
        return new LinkFault(Kind.DELAY, millis);
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY
                ? "delay " + delayMillis + " ms"
                : kind.name().toLowerCase().replace('_', '-');
    }
}
