package org.civicregistry.gateway.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends pending deliveries: for each active subscription its pending ones one after the other,
 * oldest first, so a receiver sees changes in order; receivers are served in parallel. A failure is retried with
 * exponential backoff; after {@code max-attempts} the delivery is dead-lettered and the next one
 * goes. The row of the subscription is locked while its delivery is in flight, so several gateway
 * replicas never send two of one receiver's deliveries at once.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Deliveries sent to one receiver in a round before the others' turn comes again. */
    private static final int BATCH = 100;

    private final GatewayConfig.Webhooks config;
    private final EntityManager em;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Receivers are served in parallel, each by one thread at a time (the common pool may have a single thread). */
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private Thread thread;

    public WebhookDispatcher(GatewayConfig config, EntityManager em) {
        this.config = config.webhooks();
        this.em = em;
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
        senders.shutdownNow();
    }

    private void run() {
        while (running) {
            try {
                List<UUID> due = QuarkusTransaction.requiringNew().call(this::subscriptionsWithDueDeliveries);
                List<CompletableFuture<Void>> rounds = due.stream()
                        .map(id -> CompletableFuture.runAsync(() -> deliverPending(id), senders)).toList();
                CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).join();
                if (due.isEmpty()) {
                    Thread.sleep(config.pollInterval().toMillis());
                }
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
                + " and d.id = (select min(o.id) from webhook_delivery o where o.subscription_id = d.subscription_id and o.status = 'PENDING')")
                .getResultList();
    }

    /**
     * The subscription's pending deliveries, oldest first, while they succeed: up to {@code BATCH} in a
     * round, each in a transaction of its own (a crash re-sends at most the one in flight). One per
     * round would hold a receiver to a delivery per poll, far below a steady stream of changes.
     */
    private void deliverPending(UUID subscriptionId) {
        for (int i = 0; i < BATCH && running; i++) {
            if (!QuarkusTransaction.requiringNew().timeout((int) config.timeout().toSeconds() + 30).call(() -> deliverNext(subscriptionId))) {
                return;
            }
        }
    }

    /** One attempt at the subscription's oldest pending delivery, with the subscription row locked; true if it was delivered. */
    private boolean deliverNext(UUID subscriptionId) {
        @SuppressWarnings("unchecked")
        List<Object> locked = em.createNativeQuery("select id from webhook_subscription where id = :id and status = 'ACTIVE'"
                + " for update skip locked").setParameter("id", subscriptionId).getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        WebhookSubscription subscription = em.find(WebhookSubscription.class, subscriptionId);
        List<WebhookDelivery> head = em.createQuery("from WebhookDelivery where subscriptionId = :id and status = :pending"
                + " order by id", WebhookDelivery.class).setParameter("id", subscriptionId)
                .setParameter("pending", WebhookDelivery.Status.PENDING).setMaxResults(1).getResultList();
        if (head.isEmpty() || head.get(0).nextAttemptAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return false;
        }
        attempt(subscription, head.get(0));
        return head.get(0).status == WebhookDelivery.Status.DELIVERED;
    }

    private void attempt(WebhookSubscription subscription, WebhookDelivery delivery) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        delivery.attempts++;
        long timestamp = now.toEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .header("User-Agent", "civic-registry-webhooks/1")
                    .header("Civic-Webhook-Id", subscription.id.toString())
                    .header("Civic-Delivery-Id", delivery.id.toString())
                    .header("Civic-Delivery-Attempt", String.valueOf(delivery.attempts))
                    .header(Signatures.HEADER, Signatures.sign(subscription.secret, timestamp, delivery.body))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            delivery.lastStatus = response.statusCode();
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                delivery.lastError = null;
                return;
            }
            delivery.lastError = "receiver answered HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            delivery.lastStatus = null;
            delivery.lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.lastError = "interrupted";
        }
        if (delivery.attempts >= config.maxAttempts()) {
            delivery.status = WebhookDelivery.Status.DEAD;
            LOG.warnf("Webhook delivery %d to %s dead after %d attempts: %s", delivery.id, subscription.url, delivery.attempts,
                    delivery.lastError);
        } else {
            delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
        }
    }

    /** initial × 2^(attempt−1), at most max-backoff. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(20, attempt - 1);
        Duration wait = config.initialBackoff().multipliedBy(factor);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
