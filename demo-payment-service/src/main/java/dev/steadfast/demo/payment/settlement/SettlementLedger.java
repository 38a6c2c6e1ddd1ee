package dev.steadfast.demo.payment.settlement;

import dev.steadfast.checkpoint.Checkpointed;
import dev.steadfast.checkpoint.CheckpointedState;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Settlement's cursor, last batch number and running totals, checkpointed so that a new leader continues where
 * the old one stopped instead of rescanning every payment. The database stays the authority: a restored state
 * that disagrees with the written batches is rebuilt from them before it is used.
 */
@Component
@Checkpointed(name = "settlement", interval = "2s")
public class SettlementLedger implements CheckpointedState<SettlementState> {

    private final AtomicReference<SettlementState> state = new AtomicReference<>(SettlementState.initial());

    @Override
    public SettlementState snapshot() {
        return state.get();
    }

    @Override
    public void restore(SettlementState restored) {
        state.set((restored != null) ? restored : SettlementState.initial());
    }

    /** Records the state after a committed batch. */
    void advance(SettlementState next) {
        state.set(next);
    }
}
