package org.civicregistry.gateway.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.civicregistry.commons.tracing.TraceContext;
import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.opentelemetry.context.Scope;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends pending deliveries: for each active subscription its pending ones one after the other,
 * oldest first, so a receiver sees changes in order. A failure is retried on the {@link RetryPolicy}'s
 * schedule; after its last attempt the delivery is dead-lettered and the next one goes. A receiver
 * that answers 410 Gone is disabled at once.
 * <p>
 * Receivers are independent of each other: each subscription with a due delivery gets a loop of its
 * own (up to {@code concurrency} at once), and a request waiting for a receiver's answer holds no
 * thread (the HTTP client's asynchronous API) and no database transaction. A delivery is
 * <ol>
 * <li>claimed in a short transaction: the subscription is leased to this instance
 * ({@code lease_owner}, {@code leased_until}, a little longer than a receiver may take), so
 * several gateway replicas never send two of one receiver's deliveries at once, and the lease of a
 * replica that crashed simply runs out; the attempt is counted there, so a crash loop cannot resend
 * for ever;</li>
 * <li>sent, outside any transaction;</li>
 * <li>recorded in a second short transaction, which also claims the receiver's next delivery or
 * gives the lease back.</li>
 * </ol>
 * Every attempt resolves the receiver's host again, vets every address it resolves to
 * ({@link TargetAddresses}) and connects to the vetted address itself (the request still names the
 * host, in {@code Host} and for TLS in SNI and the certificate check), so a name that resolved to a
 * public address when it was registered and to an internal one now is refused, and no second lookup
 * can swap the address between the check and the connection. That is why this uses the Vert.x
 * client: {@code java.net.http} cannot connect to one address while naming another host over TLS.
 * What the delivery log tells the caller is only what the receiver's owner needs (an HTTP status,
 * "connection failed", "timed out", "target address not allowed"), never an exception's text, which
 * would say which internal addresses and ports answer; the details go to the gateway's log.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Deliveries sent to one receiver in a row before its lease is given back and it queues again. */
    private static final int BATCH = 100;

    /** What one attempt needs, read in the claiming transaction. */
    record Claim(UUID subscriptionId, String url, List<String> secrets, long deliveryId, String messageId, int attempt, String body,
            TraceContext trace) {
    }

    /** How the receiver answered: an HTTP status and its Retry-After, or an error without one. */
    record Outcome(Integer status, String error, String retryAfter) {
        Outcome(Integer status, String error) {
            this(status, error, null);
        }

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        /** 410 Gone: the receiver is no more, and says so. */
        boolean gone() {
            return status != null && status == 410;
        }
    }

    private final GatewayConfig.Webhooks config;
    private final EntityManager em;
    private final Vertx vertx;
    private final TargetAddresses targets;
    private final RetryPolicy retries;
    /** Redirects are not followed (the Vert.x default): a receiver could redirect to an address never vetted. */
    private final HttpClient http;
    /** Only for the short transactions; nothing here waits for a receiver. */
    private final ExecutorService database = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-db");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    /** This instance, in {@code lease_owner}. */
    private final String owner = "gateway-" + UUID.randomUUID();
    private final long leaseMillis;
    private volatile boolean running;
    private Thread thread;

    public WebhookDispatcher(GatewayConfig config, EntityManager em, Vertx vertx, TargetAddresses targets) {
        this.config = config.webhooks();
        this.em = em;
        this.vertx = vertx;
        this.targets = targets;
        this.retries = new RetryPolicy(this.config.retrySchedule(), this.config.retryJitter(), this.config.retryAfterMax());
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5000).setVerifyHost(true).setForceSni(true));
        this.slots = new Semaphore(this.config.concurrency());
        // the receiver's time to answer, and time to spare for the transactions around it
        this.leaseMillis = this.config.timeout().plusSeconds(30).toMillis();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        database.shutdownNow();
        http.close();
    }

    /** Starts a loop for every receiver with a due delivery that no one serves yet; the loops go on by themselves. */
    private void run() {
        while (running) {
            try {
                List<UUID> due = QuarkusTransaction.requiringNew().call(this::subscriptionsWithDueDeliveries);
                for (UUID id : due) {
                    serve(id);
                }
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Webhook dispatch failed: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> subscriptionsWithDueDeliveries() {
        // No result class: given a basic one, Hibernate 7 adds a query plan to its cache on every call.
        return em.createNativeQuery("select distinct d.subscription_id from webhook_delivery d"
                + " join webhook_subscription s on s.id = d.subscription_id"
                + " where d.status = 'PENDING' and s.status = 'ACTIVE' and d.next_attempt_at <= now()"
                + " and (s.leased_until is null or s.leased_until < now())"
                + " and d.id = (select min(o.id) from webhook_delivery o where o.subscription_id = d.subscription_id and o.status = 'PENDING')")
                .getResultList();
    }

    private void serve(UUID subscriptionId) {
        if (!running || !inFlight.add(subscriptionId)) {
            return;
        }
        if (!slots.tryAcquire()) {
            inFlight.remove(subscriptionId); // its turn comes at a later poll
            return;
        }
        CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> claim(subscriptionId)), database)
                .thenCompose(claim -> claim == null ? CompletableFuture.completedFuture(null) : deliver(claim, 1))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.warnf("Webhook dispatch to subscription %s failed: %s", subscriptionId, failure.getMessage());
                        release(subscriptionId);
                    }
                    inFlight.remove(subscriptionId);
                    slots.release();
                });
    }

    /** Sends the claimed delivery, records how it went, and goes on with the next one claimed with it. */
    private CompletableFuture<Void> deliver(Claim claim, int sent) {
        return send(claim)
                .thenApplyAsync(outcome -> QuarkusTransaction.requiringNew().call(() -> record(claim, outcome, sent < BATCH && running)),
                        database)
                .thenCompose(next -> next == null ? CompletableFuture.completedFuture(null) : deliver(next, sent + 1));
    }

    /**
     * Leases the subscription to this instance if no one holds it, and counts an attempt of its oldest
     * pending delivery if that is due; null (and no lease kept) when there is nothing to send.
     */
    private Claim claim(UUID subscriptionId) {
        int leased = em.createNativeQuery("update webhook_subscription set lease_owner = :owner,"
                + " leased_until = now() + :ms * interval '1 millisecond'"
                + " where id = :id and status = 'ACTIVE' and (leased_until is null or leased_until < now())")
                .setParameter("owner", owner).setParameter("ms", leaseMillis).setParameter("id", subscriptionId).executeUpdate();
        if (leased == 0) {
            return null; // another replica serves it
        }
        Claim claim = head(subscriptionId);
        if (claim == null) {
            giveBack(subscriptionId);
        }
        return claim;
    }

    /** The subscription's oldest pending delivery, its attempt counted, if it is due; with the lease held. */
    private Claim head(UUID subscriptionId) {
        WebhookSubscription subscription = em.find(WebhookSubscription.class, subscriptionId);
        if (subscription == null || subscription.status != WebhookSubscription.Status.ACTIVE) {
            return null;
        }
        List<WebhookDelivery> head = em.createQuery("from WebhookDelivery where subscriptionId = :id and status = :pending"
                + " order by id", WebhookDelivery.class).setParameter("id", subscriptionId)
                .setParameter("pending", WebhookDelivery.Status.PENDING).setMaxResults(1).getResultList();
        if (head.isEmpty() || head.get(0).nextAttemptAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return null;
        }
        WebhookDelivery delivery = head.get(0);
        delivery.attempts++;
        return new Claim(subscriptionId, subscription.url, subscription.signingSecrets(OffsetDateTime.now(ZoneOffset.UTC)), delivery.id,
                delivery.messageId, delivery.attempts, delivery.body, TraceContext.of(delivery.traceParent, delivery.traceState));
    }

    /** The HTTP request, asynchronous: no thread waits for the answer, and no transaction is open. */
    private CompletableFuture<Outcome> send(Claim claim) {
        URI url = URI.create(claim.url());
        // DNS may block: not on an event loop
        Future<InetAddress> vetted = vertx.executeBlocking(() -> targets.vet(url.getHost()), false);
        Promise<Outcome> outcome = Promise.promise();
        vetted.onSuccess(address -> post(claim, url, address, outcome)).onFailure(failure -> {
            if (failure instanceof TargetAddresses.Refused refused) {
                LOG.warnf("Webhook delivery %d to %s refused: %s", claim.deliveryId(), claim.url(), refused.getMessage());
                outcome.complete(new Outcome(null, refused.getMessage()));
            } else {
                outcome.complete(failed(claim, failure));
            }
        });
        return outcome.future().toCompletionStage().toCompletableFuture();
    }

    /** To the vetted address, naming the receiver's host; the whole exchange within {@code timeout}. */
    private void post(Claim claim, URI url, InetAddress address, Promise<Outcome> outcome) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        long timestamp = OffsetDateTime.now(ZoneOffset.UTC).toEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost()).setPort(port).setSsl(https).setURI(path)
                .setConnectTimeout(Math.min(5000, config.timeout().toMillis()))
                .putHeader("Content-Type", "application/cloudevents+json; charset=utf-8")
                .putHeader("User-Agent", "civic-registry-webhooks/1")
                .putHeader("Civic-Webhook-Id", claim.subscriptionId().toString())
                .putHeader("Civic-Delivery-Id", String.valueOf(claim.deliveryId()))
                .putHeader("Civic-Delivery-Attempt", String.valueOf(claim.attempt()))
                .putHeader(Signatures.ID, claim.messageId())
                .putHeader(Signatures.TIMESTAMP, String.valueOf(timestamp))
                .putHeader(Signatures.SIGNATURE, Signatures.sign(claim.secrets(), claim.messageId(), timestamp, claim.body()))
                .putHeader(Signatures.LEGACY, Signatures.legacy(claim.secrets(), timestamp, claim.body()));
        long timer = vertx.setTimer(config.timeout().toMillis(), t -> outcome.tryComplete(new Outcome(null, "timed out")));
        // in the change's trace: the agent's client span continues it, and its traceparent header
        // lets the receiver continue it too
        try (Scope ignored = claim.trace().makeCurrent()) {
            http.request(options).onSuccess(request -> {
                // the deadline also ends a request still sending or a receiver still answering
                outcome.future().onComplete(done -> request.reset());
                try (Scope sending = claim.trace().makeCurrent()) {
                    request.send(claim.body()).compose(response -> {
                        // only the status counts; the body is read and dropped, never kept
                        response.handler(chunk -> {
                        });
                        return response.end().map(v -> new Outcome(response.statusCode(), null, response.getHeader("Retry-After")));
                    }).onSuccess(outcome::tryComplete)
                            .onFailure(failure -> outcome.tryComplete(failed(claim, failure)));
                }
            }).onFailure(failure -> outcome.tryComplete(failed(claim, failure)));
        }
        outcome.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** What the owner may read in the delivery log; the exception itself only in the gateway's log. */
    private static Outcome failed(Claim claim, Throwable failure) {
        LOG.debugf("Webhook delivery %d to %s failed: %s", claim.deliveryId(), claim.url(), failure);
        boolean timeout = failure instanceof java.util.concurrent.TimeoutException
                || failure instanceof io.netty.channel.ConnectTimeoutException
                || failure instanceof io.netty.handler.timeout.TimeoutException;
        return new Outcome(null, timeout ? "timed out" : "connection failed");
    }

    /**
     * Writes how the attempt went; then, if it was delivered and the receiver may have more, claims its
     * next delivery (renewing the lease), else gives the lease back.
     */
    private Claim record(Claim claim, Outcome outcome, boolean goOn) {
        WebhookDelivery delivery = em.find(WebhookDelivery.class, claim.deliveryId());
        if (delivery != null && delivery.status == WebhookDelivery.Status.PENDING) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            delivery.lastStatus = outcome.status();
            if (outcome.delivered()) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                delivery.lastError = null;
            } else {
                delivery.lastError = outcome.error() != null ? outcome.error() : "receiver answered HTTP " + outcome.status();
                Optional<Duration> wait = outcome.gone() ? Optional.empty()
                        : retries.next(delivery.attempts, RetryPolicy.retryAfter(outcome.retryAfter(), now.toInstant()));
                if (wait.isPresent()) {
                    delivery.nextAttemptAt = now.plus(wait.get());
                } else {
                    delivery.status = WebhookDelivery.Status.DEAD;
                    LOG.warnf("Webhook delivery %d to %s dead after %d attempts: %s", delivery.id, claim.url(), delivery.attempts,
                            delivery.lastError);
                }
                if (outcome.gone()) {
                    disableGone(claim);
                }
            }
        }
        if (goOn && outcome.delivered()) {
            int renewed = em.createNativeQuery("update webhook_subscription set leased_until = now() + :ms * interval '1 millisecond'"
                    + " where id = :id and lease_owner = :owner").setParameter("ms", leaseMillis)
                    .setParameter("id", claim.subscriptionId()).setParameter("owner", owner).executeUpdate();
            Claim next = renewed == 1 ? head(claim.subscriptionId()) : null;
            if (next != null) {
                return next;
            }
        }
        giveBack(claim.subscriptionId());
        return null;
    }

    private void giveBack(UUID subscriptionId) {
        em.createNativeQuery("update webhook_subscription set lease_owner = null, leased_until = null"
                + " where id = :id and lease_owner = :owner").setParameter("id", subscriptionId).setParameter("owner", owner)
                .executeUpdate();
    }

    /** After a failure of the database itself: best effort, or the lease runs out. */
    private void release(UUID subscriptionId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> giveBack(subscriptionId));
        } catch (RuntimeException e) {
            LOG.debugf("Lease of %s not given back (%s); it runs out", subscriptionId, e.getMessage());
        }
    }

    /** A receiver that answered 410 Gone gets nothing more until someone resumes it. */
    private void disableGone(Claim claim) {
        WebhookSubscription subscription = em.find(WebhookSubscription.class, claim.subscriptionId());
        if (subscription != null && subscription.status == WebhookSubscription.Status.ACTIVE) {
            subscription.status = WebhookSubscription.Status.DISABLED;
            subscription.statusReason = WebhookSubscription.GONE;
            LOG.infof("Webhook subscription %s disabled: its receiver %s answered 410 Gone", claim.subscriptionId(), claim.url());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
