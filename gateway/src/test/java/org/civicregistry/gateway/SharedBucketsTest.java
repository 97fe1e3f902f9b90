package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.civicregistry.gateway.routing.Quota;
import org.civicregistry.gateway.routing.SharedBuckets;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * Two gateway replicas, as two limiters over the same PostgreSQL store: a client's quota is one,
 * whichever replica its requests reach, even when they arrive at both at once.
 */
@GatewayTest
class SharedBucketsTest {

    static final List<Quota> TEN_AN_HOUR = List.of(new Quota("hour", 10, Duration.ofHours(1)));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoReplicasDrawOnOneQuota() {
        SharedBuckets first = new SharedBuckets(dataSource);
        SharedBuckets second = new SharedBuckets(dataSource);
        String client = "ip:test-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            SharedBuckets.Usage usage = (i % 2 == 0 ? first : second).consume(client, TEN_AN_HOUR);
            assertThat(usage.allowed()).as("request %d", i + 1).isTrue();
            assertThat(usage.remaining()[0]).isEqualTo(9 - i);
        }
        assertThat(first.consume(client, TEN_AN_HOUR).allowed()).isFalse();
        SharedBuckets.Usage refused = second.consume(client, TEN_AN_HOUR);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 361L);
        assertThat(refused.field()).isEqualTo("\"hour\";r=0;t=3600");
    }

    @Test
    void concurrentRequestsAtTwoReplicasNeverExceedTheQuota() throws Exception {
        List<SharedBuckets> replicas = List.of(new SharedBuckets(dataSource), new SharedBuckets(dataSource));
        String client = "ip:test-" + UUID.randomUUID();
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> requests = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SharedBuckets replica = replicas.get(i % 2);
                requests.add(pool.submit(() -> {
                    if (replica.consume(client, TEN_AN_HOUR).allowed()) {
                        allowed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(allowed).hasValue(10);
    }
}
