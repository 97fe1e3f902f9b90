package org.civicregistry.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Token buckets kept in the gateway's PostgreSQL (table {@code rate_limit_bucket}), so that every
 * replica draws on the same allowance of a client. Each consumption is one short transaction that
 * locks the client's row. Blocking: call it off the event loop.
 */
public final class SharedBuckets {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public SharedBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                // a bucket that has refilled completely holds nothing a fresh one would not: its row can go
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /** Takes one request from the client's allowance under these quotas. */
    public Usage consume(String client, List<Quota> quotas) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        quotas.forEach(quota -> builder.addLimit(Bandwidth.builder().capacity(quota.limit())
                .refillGreedy(quota.limit(), quota.window()).id(quota.name()).build()));
        BucketConfiguration configuration = builder.build();
        // The quotas are part of the row's id: a changed limit starts a fresh bucket instead of the
        // stored state going on under the old configuration.
        String id = client + "|" + quotas.stream().map(q -> q.limit() + "/" + q.window().toSeconds()).collect(Collectors.joining(","));
        VerboseResult<ConsumptionProbe> result = buckets.builder().build(id, () -> configuration).asVerbose().tryConsumeAndReturnRemaining(1);
        ConsumptionProbe probe = result.getValue();
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        return new Usage(probe.isConsumed(), quotas, result.getDiagnostics().getAvailableTokensPerEachBandwidth(), retryAfter);
    }

    /** Removes up to {@code max} rows of buckets that are full again; returns how many it removed. */
    public int removeExpired(int max) {
        return buckets.removeExpired(max);
    }

    /**
     * What a consumption left: per quota (in order) the requests remaining, and when refused, the
     * seconds until one more is allowed.
     */
    public record Usage(boolean allowed, List<Quota> quotas, long[] remaining, long retryAfterSeconds) {

        /** {@code RateLimit-Policy}: every quota that applies to this client. */
        public String policyField() {
            return quotas.stream().map(Quota::policy).collect(Collectors.joining(", "));
        }

        /**
         * {@code RateLimit}: per quota the requests remaining ({@code r}) and the seconds until its
         * allowance is full again ({@code t}), as refilling is smooth.
         */
        public String field() {
            StringBuilder field = new StringBuilder();
            for (int i = 0; i < quotas.size(); i++) {
                Quota quota = quotas.get(i);
                long left = Math.max(0, remaining[i]);
                long fullIn = (long) Math.ceil((double) (quota.limit() - left) * quota.window().toSeconds() / quota.limit());
                field.append(i == 0 ? "" : ", ").append('"').append(quota.name()).append("\";r=").append(left).append(";t=").append(fullIn);
            }
            return field.toString();
        }
    }
}
