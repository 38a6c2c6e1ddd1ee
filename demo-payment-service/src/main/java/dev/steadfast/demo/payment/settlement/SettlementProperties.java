package dev.steadfast.demo.payment.settlement;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How settlement runs; invalid values stop the application at start-up with the property named.
 *
 * @param interval the pause between two settlement runs
 * @param safetyLag payments younger than this are left for a later run, so that a payment whose transaction
 *     commits a little after its creation time is usually settled in creation order
 * @param lookback how far before the cursor each run looks for payments that committed late
 * @param maxBatchSize the most payments in one batch
 */
@ConfigurationProperties("payment.settlement")
@Validated
public record SettlementProperties(
        @DefaultValue("3s") @DurationMin(millis = 10) Duration interval,
        @DefaultValue("2s") @DurationMin(millis = 0) Duration safetyLag,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration lookback,
        @DefaultValue("500") @Min(1) @Max(10_000) int maxBatchSize) {}
