package org.civicregistry.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.civicregistry.commons.kafka.Backoff;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway is told from outside (civic.gateway.*, or CIVIC_GATEWAY_* variables). */
@ConfigMapping(prefix = "civic.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name (officials, agreements, events). */
    Map<String, Upstream> upstreams();

    /**
     * The deadline of a proxied request, from its arrival to the end of its answer: an upstream that
     * has not answered by then is a 504, an answer still being sent (a slow upstream or a client that
     * reads slowly) is cut off, so no client holds an upstream connection longer.
     */
    @WithDefault("10s")
    Duration timeout();

    /**
     * The same deadline for a whole-collection download ({@code GET /api/v1/{collection}/snapshot}),
     * which streams the collection from one database snapshot: long enough for the largest register
     * a client reads at a modest rate.
     */
    @WithDefault("30m")
    Duration downloadTimeout();

    /**
     * How long the whole register's download ({@code GET /api/v1/snapshot}) waits for every service to
     * begin its own: a service first waits up to its {@code civic.snapshot.drain-timeout} (10 s) for
     * its change stream to catch up.
     */
    @WithDefault("20s")
    Duration downloadStartTimeout();

    /** Extra connection attempts for GET and HEAD when an upstream refuses or drops the connection. */
    @WithDefault("2")
    int retries();

    CircuitBreaker circuitBreaker();

    RateLimit rateLimit();

    Docs docs();

    Stream stream();

    Webhooks webhooks();

    Dumps dumps();

    KafkaRetry kafkaRetry();

    interface Upstream {
        /** Base URL, e.g. http://officials-service:8081 (a Kubernetes service name works). */
        URI url();

        /** Path prefixes it owns, e.g. /api/v1/people. */
        List<String> paths();
    }

    interface CircuitBreaker {
        /** Failure rate (percent) over the window that opens the breaker. */
        @WithDefault("50")
        float failureRateThreshold();

        /** Calls in the sliding window. */
        @WithDefault("20")
        int windowSize();

        /** Calls needed before the rate is judged. */
        @WithDefault("10")
        int minimumCalls();

        /** How long it stays open before letting trial calls through. */
        @WithDefault("10s")
        Duration openFor();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests a client without an API key (one per address) may make in a burst. */
        @WithDefault("600")
        long capacity();

        /** Requests refilled per period to a client without an API key. */
        @WithDefault("600")
        long refill();

        /** The period over which a client without an API key is refilled. */
        @WithDefault("1m")
        Duration period();

        /** The header carrying an issued API key (see {@link Clients}); without it, the client's address identifies it. */
        @WithDefault("X-Api-Key")
        String keyHeader();
    }

    interface Docs {
        /** How often the services' OpenAPI documents are fetched again. */
        @WithDefault("30s")
        Duration refresh();

        /** The gateway's public base URL, written as the server of the merged document. */
        Optional<String> publicUrl();
    }

    interface Stream {
        /** The topics a client may follow. */
        @WithDefault("civic.officials.v1,civic.agreements.v1,civic.events.v1")
        List<String> topics();

        /** A comment line every so often keeps proxies from closing idle streams. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Events queued for one slow client before it is disconnected (it can resume with Last-Event-ID). */
        @WithDefault("10000")
        int maxQueued();

        /**
         * Records per topic whose latest version the stream remembers, to drop repeated and stale
         * changes (at least once delivery upstream); the least recently changed are forgotten first.
         */
        @WithDefault("100000")
        int rememberedSubjects();

        /**
         * How long the replay of a resuming client may take; what it has not reached by then is
         * announced to it as a gap ({@code event: gap}) instead of being sent.
         */
        @WithDefault("60s")
        Duration replayDeadline();

        /** Streams open at once on this instance; one more is answered 503 with Retry-After. */
        @WithDefault("5000")
        int maxSubscribers();

        /**
         * Streams one client (its X-Api-Key, else its address) may have open at once; one more is
         * answered 429 with Retry-After.
         */
        @WithDefault("20")
        int maxSubscribersPerClient();

        /**
         * Bytes written to one client that its connection has not taken yet (queued in the gateway or
         * in the HTTP write queue); past it the client is sent {@code event: overflow} and disconnected.
         */
        @WithDefault("1M")
        MemorySize maxUnsentBytes();

        /**
         * Resuming clients replayed at once; each replay borrows one of as many shared Kafka consumers.
         * One more resume is answered 503 with Retry-After.
         */
        @WithDefault("8")
        int maxReplays();

        /** Records one replay may read; what it has not reached then is announced as a gap (reason {@code replay-limit}). */
        @WithDefault("50000")
        int replayMaxEvents();

        /** How long setting up a stream may wait for Kafka (its offsets) before the client gets a 503. */
        @WithDefault("2s")
        Duration setupTimeout();

        /** The wait a refused stream client is told in Retry-After. */
        @WithDefault("5s")
        Duration retryAfter();
    }

    /** Scheduled dumps of the whole register (docs/open-data.md). */
    interface Dumps {
        /** Where the dumps are written and served from; without one, none are made. */
        Optional<java.nio.file.Path> directory();

        /** How often a dump is made (daily by default); a failed one is tried again after a minute. */
        @WithDefault("24h")
        Duration every();

        /** How many dumps are kept; older ones are deleted. */
        @WithDefault("7")
        int keep();
    }

    interface Webhooks {
        /**
         * The waits before each retry of a failed delivery (the first attempt goes at once): a
         * delivery gets one attempt more than there are waits, then is dead-lettered. Published in
         * the API guide; about three and a half days by default.
         */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h,24h,24h")
        List<Duration> retrySchedule();

        /** Each wait varies at random by up to this fraction either way. */
        @WithDefault("0.2")
        double retryJitter();

        /** The longest wait a receiver's Retry-After gets. */
        @WithDefault("24h")
        Duration retryAfterMax();

        /** How long the secret before a rotation still signs deliveries, beside the new one. */
        @WithDefault("24h")
        Duration rotationOverlap();

        /** How long a receiver may take to answer. */
        @WithDefault("10s")
        Duration timeout();

        /** Allow receivers on loopback or private addresses (development and tests only). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How often due deliveries are looked for. */
        @WithDefault("500ms")
        Duration pollInterval();

        /**
         * Receivers whose deliveries are in flight at once from this instance. A request waiting for
         * its answer holds no thread and no database connection, so this can be far above the
         * number of cores; it bounds the open connections to receivers.
         */
        @WithDefault("256")
        int concurrency();
    }

    /** The waits of the gateway's Kafka readers after a failure (see {@link Backoff}). */
    interface KafkaRetry {
        /** The wait after the first failure in a row; doubled for each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    Clients clients();

    /** How clients are told apart: addresses vouched for by trusted proxies, and issued API keys with their tiers. */
    interface Clients {
        /**
         * CIDRs (10.0.0.0/8, 2001:db8::/32, 192.0.2.7/32) of the proxies in front of the gateway whose
         * X-Forwarded-For or Forwarded header names the client. None by default: anyone can write
         * those headers, so only the connection's peer address counts.
         */
        Optional<List<String>> trustedProxies();

        /**
         * How long a checked API key is believed without asking the database again, on each replica:
         * a revoked key keeps working at most this long on the other replicas.
         */
        @WithDefault("30s")
        Duration keyCache();

        /** Quotas of the standard tier. */
        Standard standard();

        /** Quotas of the partner tier (integrators that mirror the registry). */
        Partner partner();

        interface Standard {
            /** Requests a standard key may make per minute. */
            @WithDefault("1200")
            long perMinute();

            /** Requests a standard key may make per day. */
            @WithDefault("1000000")
            long perDay();
        }

        interface Partner {
            /** Requests a partner key may make per minute. */
            @WithDefault("6000")
            long perMinute();

            /** Requests a partner key may make per day. */
            @WithDefault("5000000")
            long perDay();
        }
    }
}
