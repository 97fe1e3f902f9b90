package org.civicregistry.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(10)), 0.2,
            Duration.ofHours(1));

    @Test
    void eachWaitIsTheSchedulesWithinItsJitterAndTheLastAttemptHasNone() {
        assertThat(policy.attempts()).isEqualTo(4);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.next(1, Optional.empty()).orElseThrow()).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
            assertThat(policy.next(3, Optional.empty()).orElseThrow()).isBetween(Duration.ofHours(8), Duration.ofHours(12));
        }
        assertThat(policy.next(4, Optional.empty())).isEmpty();
    }

    @Test
    void theWaitsAreJitteredNotAllTheSame() {
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.next(2, Optional.empty()).orElseThrow()).distinct().count())
                .isGreaterThan(10);
    }

    @Test
    void aLongerRetryAfterIsHonouredUpToTheCapAndAShorterOneDoesNotHurry() {
        assertThat(policy.next(1, Optional.of(Duration.ofSeconds(120)))).contains(Duration.ofSeconds(120));
        assertThat(policy.next(1, Optional.of(Duration.ofDays(3)))).contains(Duration.ofHours(1));
        assertThat(policy.next(2, Optional.of(Duration.ofSeconds(1))).orElseThrow()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        // the schedule's end is the end, whatever the receiver asks
        assertThat(policy.next(4, Optional.of(Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void retryAfterIsDelaySecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(RetryPolicy.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 12:30:00 GMT", now)).contains(Duration.ofMinutes(30));
        assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("99999999999999999999999", now).orElseThrow()).isGreaterThan(Duration.ofDays(365));
        assertThat(RetryPolicy.retryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter("-5", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, now)).isEmpty();
    }
}
