package org.civicregistry.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * One upstream service behind the gateway: a Vert.x reverse proxy that streams bodies both ways and
 * keeps status and headers, with a deadline (504), connection retries for GET/HEAD, a circuit
 * breaker (503 while open) and {@code Location} rewritten to the gateway's address.
 * <p>
 * The deadline ({@code civic.gateway.timeout}) runs from the request's arrival to the end of its
 * answer, not from the last byte seen: an idle timeout let a client that reads a large answer a
 * little at a time hold an upstream connection (one of a bounded pool) for as long as it liked.
 * Before the upstream answered, the deadline is a 504 problem; after, the exchange is cut off on both
 * sides. Every permit the breaker gives is given back exactly once: as a success, as a failure
 * (5xx other than 501, whether the gateway or the upstream says 502/504), or released unjudged when
 * the client left first; a permit lost in the half-open state would keep the breaker half-open,
 * refusing everyone, for good.
 */
public final class UpstreamProxy {

    private static final String UPSTREAM = "civic.upstream-request";
    private static final String EXPIRED = "civic.deadline-expired";
    private static final String DEADLINE = "civic.deadline-timer";

    private final String name;
    private final URI url;
    private final SocketAddress origin;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final CircuitBreaker breaker;
    private final HttpProxy proxy;

    public UpstreamProxy(String name, URI url, Vertx vertx, HttpClient client, GatewayConfig config) {
        this.name = name;
        this.url = url;
        this.vertx = vertx;
        this.config = config;
        int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        this.origin = SocketAddress.inetSocketAddress(port, url.getHost());
        GatewayConfig.CircuitBreaker cb = config.circuitBreaker();
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.windowSize())
                .minimumNumberOfCalls(cb.minimumCalls())
                .waitDurationInOpenState(cb.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        this.proxy = HttpProxy.reverseProxy(client)
                .origin(context -> connect(context, client, config.retries()))
                .addInterceptor(new Interceptor());
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    public void handle(RoutingContext ctx) {
        if (!breaker.tryAcquirePermission()) {
            long wait = Math.max(1, config.circuitBreaker().openFor().toSeconds());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
            Problems.respond(ctx, ProblemType.UNAVAILABLE, "The " + name + " service is failing; the gateway stopped calling it for a while.");
            return;
        }
        HttpServerRequest request = ctx.request();
        // So the services build links (Location, Link) on the gateway's address.
        request.headers().set("X-Forwarded-Host", request.authority() == null ? request.host() : request.authority().toString());
        request.headers().set("X-Forwarded-Proto", request.scheme());
        int port = request.authority() != null && request.authority().port() > 0 ? request.authority().port()
                : request.localAddress().port();
        request.headers().set("X-Forwarded-Port", String.valueOf(port));
        proxy.handle(request);
    }

    private Future<HttpClientRequest> connect(ProxyContext context, HttpClient http, int retriesLeft) {
        if (expired(context)) {
            return Future.failedFuture(new DeadlineExceeded());
        }
        HttpServerRequest request = context.request().proxiedRequest();
        RequestOptions options = new RequestOptions()
                .setServer(origin)
                .setHost(url.getHost())
                .setPort(origin.port())
                .setMethod(request.method())
                .setURI(request.uri())
                .setConnectTimeout(Math.min(2000, config.timeout().toMillis()));
        boolean idempotent = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        return http.request(options).compose(upstream -> {
            if (expired(context)) {
                // connected only after the deadline: nobody waits for this answer any more
                upstream.reset();
                return Future.failedFuture(new DeadlineExceeded());
            }
            context.set(UPSTREAM, upstream);
            return Future.succeededFuture(upstream);
        }).recover(failure -> {
            if (!idempotent || retriesLeft <= 0) {
                return Future.failedFuture(failure);
            }
            Promise<HttpClientRequest> retry = Promise.promise();
            vertx.setTimer(100L * (config.retries() - retriesLeft + 1),
                    t -> connect(context, http, retriesLeft - 1).onComplete(retry));
            return retry.future();
        });
    }

    /** A whole-collection download streams for as long as the collection takes; everything else has the short deadline. */
    private Duration timeout(String path) {
        return path != null && path.endsWith("/snapshot") ? config.downloadTimeout() : config.timeout();
    }

    private final class Interceptor implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            long started = System.nanoTime();
            Promise<ProxyResponse> answered = Promise.promise();
            Duration limit = timeout(context.request().proxiedRequest().path());
            long deadline = vertx.setTimer(limit.toMillis(), t -> expire(context, answered));
            context.set(DEADLINE, deadline);
            // whichever comes first, the upstream's answer or the deadline (expire resets the upstream request)
            context.sendRequest().onSuccess(answered::tryComplete).onFailure(answered::tryFail);
            return answered.future().map(response -> {
                if (response.getStatusCode() < 500 || response.getStatusCode() == 501) {
                    breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                } else {
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS,
                            new IllegalStateException("HTTP " + response.getStatusCode()));
                }
                return response;
            }).recover(failure -> {
                if (context.request().proxiedRequest().response().closed()) {
                    // The client hung up (a closed tab, a load generator stopping): that says nothing about the
                    // upstream, and counting it opened the circuit for everyone under bursts of departures.
                    breaker.releasePermission();
                    return Future.failedFuture(failure);
                }
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
                boolean timeout = failure instanceof DeadlineExceeded || expired(context);
                ProblemType type = timeout ? ProblemType.GATEWAY_TIMEOUT : ProblemType.BAD_GATEWAY;
                String detail = timeout
                        ? "The " + name + " service did not answer within " + limit.toSeconds() + " s."
                        : "The " + name + " service cannot be reached.";
                ProxyResponse response = context.request().response()
                        .setStatusCode(type.status())
                        .setStatusMessage(type.title());
                response.headers().clear();
                response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
                response.setBody(Body.body(Buffer.buffer(Problems.json(type, detail, context.request().getURI(),
                        Problems.language(context.request().proxiedRequest())))));
                return Future.succeededFuture(response);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            String location = context.response().headers().get(HttpHeaders.LOCATION);
            if (location != null) {
                context.response().headers().set(HttpHeaders.LOCATION, rewrite(location, context));
            }
            return context.sendResponse().onComplete(sent -> vertx.cancelTimer(context.get(DEADLINE, Long.class)));
        }
    }

    /**
     * The deadline passed: the upstream request (if any) is reset, which frees its pooled connection;
     * a client still waiting for the head gets the 504, one already receiving the body loses the
     * connection, since a half-sent answer cannot be turned into a problem.
     */
    private void expire(ProxyContext context, Promise<ProxyResponse> answered) {
        context.set(EXPIRED, Boolean.TRUE);
        HttpClientRequest upstream = context.get(UPSTREAM, HttpClientRequest.class);
        if (upstream != null) {
            upstream.reset();
        }
        if (!answered.tryFail(new DeadlineExceeded())) {
            context.request().proxiedRequest().response().reset();
        }
    }

    private static boolean expired(ProxyContext context) {
        return Boolean.TRUE.equals(context.get(EXPIRED, Boolean.class));
    }

    /** The request's deadline passed. */
    private static final class DeadlineExceeded extends java.util.concurrent.TimeoutException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("deadline exceeded");
        }
    }

    /** A Location on the upstream's own address becomes the same path on the gateway's address. */
    private String rewrite(String location, ProxyContext context) {
        try {
            URI target = URI.create(location);
            if (!target.isAbsolute()) {
                return location;
            }
            boolean upstreamAddress = url.getHost().equalsIgnoreCase(target.getHost())
                    && (url.getPort() == target.getPort() || url.getPort() <= 0 && target.getPort() <= 0);
            if (!upstreamAddress) {
                return location;
            }
            HttpServerRequest original = context.request().proxiedRequest();
            String authority = original.authority() != null ? original.authority().toString() : original.host();
            return original.scheme() + "://" + authority + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

}
