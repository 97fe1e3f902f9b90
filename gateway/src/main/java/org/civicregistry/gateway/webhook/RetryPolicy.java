package org.civicregistry.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after the {@code n}th attempt, the {@code n}th wait of the
 * published schedule (by default Standard Webhooks' and Svix's, stretched to days: 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h, 24 h, 24 h), varied at random by up to {@code jitter} either way so that
 * receivers back from an outage are not all hit at the same instant. A receiver's {@code Retry-After}
 * (seconds or an HTTP date) is honoured when it asks for longer, up to {@code retryAfterMax}. After
 * the schedule's last wait has been used, the delivery is dead.
 */
final class RetryPolicy {

    private final List<Duration> waits;
    private final double jitter;
    private final Duration retryAfterMax;

    RetryPolicy(List<Duration> waits, double jitter, Duration retryAfterMax) {
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
        this.retryAfterMax = retryAfterMax;
    }

    /** All attempts of a delivery: the first, and one after each wait. */
    int attempts() {
        return waits.size() + 1;
    }

    /** The wait after the failed attempt {@code attempt} (from 1), or empty when it was the last. */
    Optional<Duration> next(int attempt, Optional<Duration> retryAfter) {
        if (attempt < 1 || attempt > waits.size()) {
            return Optional.empty();
        }
        Duration scheduled = waits.get(attempt - 1);
        long millis = scheduled.toMillis();
        long spread = Math.round(millis * jitter);
        Duration wait = spread == 0 ? scheduled : Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-spread, spread + 1));
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return Optional.of(wait);
    }

    /** A {@code Retry-After} value (RFC 9110: delay-seconds or an HTTP date) as a wait from {@code now}. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1000)); // absurdly long: the cap applies
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
