package org.civicregistry.gateway.routing;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.apikey.ApiKeyCheck;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rate limits, shared by every gateway replica ({@link SharedBuckets}): a client with an
 * {@code X-Api-Key} draws on its key's quotas (per minute and per day, by tier), one without on its
 * address's ({@link ClientAddresses}). A key that was not issued, or was revoked, is refused with
 * 401, never given an allowance of its own: each such request is charged to the address it came
 * from, so rotating made-up keys gets an address no more than sending none, then 429. Answers carry {@code RateLimit-Policy} and
 * {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers); 429 carries {@code Retry-After}.
 * Health and metrics endpoints are not limited.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final GatewayConfig config;
    private final ApiKeyCheck keys;
    /**
     * The routing-context key of who the request counts against: {@code key:<api key>} or
     * {@code ip:<client address>} (forwarded headers honoured only from trusted proxies). The stream's
     * per-client cap uses it, so both limits see the same client.
     */
    public static final String CLIENT = "civic.client";

    private final ClientAddresses addresses;
    private final SharedBuckets buckets;
    private final List<Quota> anonymous;

    public RateLimits(GatewayConfig config, ApiKeyCheck keys, DataSource dataSource) {
        this.config = config;
        this.keys = keys;
        this.addresses = new ClientAddresses(config.clients().trustedProxies().orElse(List.of()));
        this.buckets = new SharedBuckets(dataSource);
        GatewayConfig.RateLimit limit = config.rateLimit();
        // a bucket of capacity c refilled by r per period holds c; the policy advertises the refill rate's window
        this.anonymous = List.of(new Quota("anonymous", limit.capacity(),
                limit.period().multipliedBy(limit.capacity()).dividedBy(Math.max(1, limit.refill()))));
    }

    void install(@Observes Router router, Vertx vertx) {
        if (!config.rateLimit().enabled()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (ctx.request().path().startsWith("/q/")) {
                ctx.next();
                return;
            }
            String key = ctx.request().getHeader(config.rateLimit().keyHeader());
            String address = clientAddress(ctx.request());
            ctx.put(CLIENT, key != null && !key.isBlank() ? "key:" + key.strip() : "ip:" + address);
            // The checks query PostgreSQL: off the event loop, with the body held back until they are done.
            ctx.request().pause();
            vertx.executeBlocking(() -> judge(key, address), false).onComplete(outcome -> {
                ctx.request().resume();
                if (ctx.response().closed()) {
                    return;
                }
                if (outcome.failed()) {
                    LOG.warnf("API key check failed: %s", outcome.cause().getMessage());
                    ctx.response().putHeader("Retry-After", "5");
                    Problems.respond(ctx, ProblemType.UNAVAILABLE, "The gateway cannot check API keys right now; retry in 5 s.");
                    return;
                }
                answer(ctx, outcome.result());
            });
        });
        // Rows of buckets that are full again are removed, on every replica (SKIP LOCKED keeps them apart).
        vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), id -> vertx.executeBlocking(() -> buckets.removeExpired(10_000), false)
                .onFailure(e -> LOG.warnf("Removing expired rate-limit buckets failed: %s", e.getMessage())));
    }

    private String clientAddress(HttpServerRequest request) {
        // The connection's own peer: request.remoteAddress() may already be rewritten from forwarded headers
        // if quarkus.http.proxy.proxy-address-forwarding is switched on.
        String peer = request.connection().remoteAddress().hostAddress();
        return addresses.of(peer, request.headers().getAll("Forwarded"), request.headers().getAll("X-Forwarded-For"));
    }

    /** Blocking. A failed key lookup throws (503); a failed bucket lets the request through unlimited, logged. */
    private Verdict judge(String key, String address) {
        String client;
        List<Quota> quotas;
        if (key != null && !key.isBlank()) {
            var holder = keys.holder(key.strip());
            if (holder.isEmpty()) {
                return new UnknownKey(consume("ip:" + address, anonymous));
            }
            client = "key:" + holder.get().keyId();
            quotas = holder.get().tier().quotas(config.clients());
        } else {
            client = "ip:" + address;
            quotas = anonymous;
        }
        SharedBuckets.Usage usage = consume(client, quotas);
        return usage == null ? new Unlimited() : new Counted(usage);
    }

    /** The client's usage after this request, or null when the store cannot be asked. */
    private SharedBuckets.Usage consume(String client, List<Quota> quotas) {
        try {
            return buckets.consume(client, quotas);
        } catch (RuntimeException e) {
            // The limits guard the platform; the platform is not taken down when their store is.
            LOG.warnf("Rate limit store unavailable, request not limited: %s", e.getMessage());
            return null;
        }
    }

    private void answer(RoutingContext ctx, Verdict verdict) {
        SharedBuckets.Usage usage = verdict instanceof UnknownKey unknown ? unknown.addressUsage()
                : verdict instanceof Counted counted ? counted.usage() : null;
        if (usage != null) {
            ctx.response().putHeader("RateLimit-Policy", usage.policyField()).putHeader("RateLimit", usage.field());
            if (!usage.allowed()) {
                ctx.response().putHeader("Retry-After", String.valueOf(usage.retryAfterSeconds()));
                Problems.respond(ctx, ProblemType.TOO_MANY_REQUESTS, "Rate limit reached (" + usage.policyField()
                        + "); retry in " + usage.retryAfterSeconds() + " s.");
                return;
            }
        }
        if (verdict instanceof UnknownKey) {
            Problems.respond(ctx, ProblemType.UNAUTHORIZED, "The " + config.rateLimit().keyHeader()
                    + " is not a key this registry issued, or it was revoked. Send none to be limited by address.");
            return;
        }
        ctx.next();
    }

    /** The outcome of the checks. */
    private sealed interface Verdict permits UnknownKey, Counted, Unlimited {
    }

    /** @param addressUsage the address's allowance after this request was charged to it; null when the store cannot be asked */
    private record UnknownKey(SharedBuckets.Usage addressUsage) implements Verdict {
    }

    private record Counted(SharedBuckets.Usage usage) implements Verdict {
    }

    /** The store could not be asked. */
    private record Unlimited() implements Verdict {
    }
}
