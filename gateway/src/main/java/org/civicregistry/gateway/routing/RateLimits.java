package org.civicregistry.gateway.routing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.ext.web.Router;

/**
 * A token bucket per client (its API key header, else its address): {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} on every answer, 429 with
 * {@code Retry-After} when the bucket is empty. Health and metrics endpoints are not limited.
 */
@ApplicationScoped
public class RateLimits {

    private final GatewayConfig.RateLimit config;
    private final Cache<String, Bucket> buckets;

    public RateLimits(GatewayConfig config) {
        this.config = config.rateLimit();
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(30)).maximumSize(100_000).build();
    }

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (ctx.request().path().startsWith("/q/")) {
                ctx.next();
                return;
            }
            String key = ctx.request().getHeader(config.keyHeader());
            String client = key != null && !key.isBlank() ? "key:" + key : "ip:" + ctx.request().remoteAddress().hostAddress();
            Bucket bucket = buckets.get(client, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(config.capacity()).refillGreedy(config.refill(), config.period()).build())
                    .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForReset()) + 1);
            ctx.response().putHeader("RateLimit-Limit", String.valueOf(config.capacity()))
                    .putHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()))
                    .putHeader("RateLimit-Reset", String.valueOf(resetSeconds));
            if (!probe.isConsumed()) {
                long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
                ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
                Problems.respond(ctx, ProblemType.TOO_MANY_REQUESTS,
                        "Rate limit of " + config.capacity() + " requests per " + config.period().toSeconds()
                                + " s reached; retry in " + retryAfter + " s.");
                return;
            }
            ctx.next();
        });
    }
}
