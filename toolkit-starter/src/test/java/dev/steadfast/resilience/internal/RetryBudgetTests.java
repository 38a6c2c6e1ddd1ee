package dev.steadfast.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Test
    void aQuietCallerMayRetryTheMinimumPerSecondThroughoutTheWindow() {
        RetryBudget budget = new RetryBudget(20, Duration.ofSeconds(10), 2, nanos::get);
        assertThat(budget.available()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(budget.tryWithdraw()).isTrue();
        }
        assertThat(budget.tryWithdraw()).isFalse();
    }

    @Test
    void callsAddTheirPercentageOfARetry() {
        RetryBudget budget = new RetryBudget(20, Duration.ofSeconds(10), 0, nanos::get);
        for (int i = 0; i < 4; i++) {
            budget.deposit();
        }
        assertThat(budget.tryWithdraw()).isFalse();
        budget.deposit();
        assertThat(budget.tryWithdraw()).isTrue();
        assertThat(budget.tryWithdraw()).isFalse();
    }

    @Test
    void depositsAndWithdrawalsExpireAfterTheWindow() {
        RetryBudget budget = new RetryBudget(100, Duration.ofSeconds(10), 0, nanos::get);
        budget.deposit();
        budget.deposit();
        assertThat(budget.tryWithdraw()).isTrue();
        assertThat(budget.available()).isEqualTo(1);
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(budget.available()).isZero();
        assertThat(budget.tryWithdraw()).isFalse();
    }

    @Test
    void spentReserveComesBackWhenItsWithdrawalsExpire() {
        RetryBudget budget = new RetryBudget(0, Duration.ofSeconds(10), 1, nanos::get);
        while (budget.tryWithdraw()) {
            nanos.addAndGet(Duration.ofMillis(100).toNanos());
        }
        assertThat(budget.available()).isZero();
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(budget.available()).isEqualTo(10);
    }
}
