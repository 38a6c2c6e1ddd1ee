package dev.steadfast.demo.payment.settlement;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows the recent settlement batches and the settlement state this instance holds. */
@RestController
class SettlementController {

    private final SettlementService settlement;

    private final SettlementLedger ledger;

    SettlementController(SettlementService settlement, SettlementLedger ledger) {
        this.settlement = settlement;
        this.ledger = ledger;
    }

    @GetMapping("/settlements")
    List<SettlementBatch> recent(@RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit) {
        return settlement.recent(limit);
    }

    /** The cursor, last batch and running totals as this instance last saw them (current on the leader). */
    @GetMapping("/settlements/state")
    SettlementState state() {
        return ledger.snapshot();
    }
}
