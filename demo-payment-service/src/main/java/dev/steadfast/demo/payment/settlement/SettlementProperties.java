package dev.steadfast.demo.payment.settlement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How settlement runs.
 *
 * @param interval the pause between two settlement runs
 * @param safetyLag payments younger than this are left for a later run, so that a payment whose transaction
 *     commits a little after its creation time is not overtaken by the cursor
 * @param lookback how far before the cursor each run looks for payments that committed late
 * @param maxBatchSize the most payments in one batch
 */
@ConfigurationProperties("payment.settlement")
public record SettlementProperties(Duration interval, Duration safetyLag, Duration lookback, int maxBatchSize) {

    public SettlementProperties {
        interval = (interval != null) ? interval : Duration.ofSeconds(3);
        safetyLag = (safetyLag != null) ? safetyLag : Duration.ofSeconds(2);
        lookback = (lookback != null) ? lookback : Duration.ofMinutes(10);
        maxBatchSize = (maxBatchSize > 0) ? maxBatchSize : 500;
    }
}
