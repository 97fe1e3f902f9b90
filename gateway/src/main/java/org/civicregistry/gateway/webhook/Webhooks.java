package org.civicregistry.gateway.webhook;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.record.Ids;
import org.civicregistry.gateway.GatewayConfig;

import io.quarkus.security.identity.SecurityIdentity;

/** Webhook subscriptions: registered by admins, kept in the gateway's database. */
@ApplicationScoped
public class Webhooks {

    static final String PING = "civic.webhook.ping";
    static final String SECRET_FORMAT = "must be whsec_ followed by the base64 of " + Signatures.MIN_KEY_BYTES + " to "
            + Signatures.MAX_KEY_BYTES + " random bytes";

    private final GatewayConfig config;
    private final SecurityIdentity identity;
    private final TargetAddresses targets;

    public Webhooks(GatewayConfig config, SecurityIdentity identity, TargetAddresses targets) {
        this.config = config;
        this.identity = identity;
        this.targets = targets;
    }

    @Transactional
    public WebhookSubscription create(WebhookInput input) {
        requireReachableTarget(input.url());
        if (input.secret() != null && !Signatures.wellFormed(input.secret())) {
            throw ProblemException.invalid("secret", SECRET_FORMAT);
        }
        for (String topic : input.topics() == null ? List.<String>of() : input.topics()) {
            if (!config.stream().topics().contains(topic)) {
                throw ProblemException.invalid("topics", "'" + topic + "' is not one of " + config.stream().topics());
            }
        }
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = Ids.next();
        subscription.url = input.url().toString();
        subscription.topics = input.topics() == null ? List.of() : List.copyOf(input.topics());
        subscription.types = input.types() == null ? List.of() : List.copyOf(input.types());
        subscription.secret = input.secret() != null ? input.secret() : Signatures.newSecret();
        subscription.description = input.description();
        subscription.status = WebhookSubscription.Status.ACTIVE;
        subscription.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        subscription.createdBy = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        subscription.persist();
        return subscription;
    }

    public WebhookSubscription find(UUID id) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        if (subscription == null) {
            throw ProblemException.notFound("webhook", id);
        }
        return subscription;
    }

    @Transactional
    public WebhookSubscription disable(UUID id) {
        WebhookSubscription subscription = find(id);
        subscription.status = WebhookSubscription.Status.DISABLED;
        return subscription;
    }

    /** Holds its deliveries back (they are still queued) until {@link #resume}; pausing a paused one changes nothing. */
    @Transactional
    public WebhookSubscription pause(UUID id) {
        WebhookSubscription subscription = find(id);
        if (subscription.status == WebhookSubscription.Status.DISABLED) {
            throw new ProblemException(ProblemType.CONFLICT, "A disabled receiver cannot be paused; resume it first.");
        }
        subscription.status = WebhookSubscription.Status.PAUSED;
        return subscription;
    }

    /** Sends again, the queued deliveries first; also re-enables a disabled receiver (stopped, or gone with a 410). */
    @Transactional
    public WebhookSubscription resume(UUID id) {
        WebhookSubscription subscription = find(id);
        subscription.status = WebhookSubscription.Status.ACTIVE;
        subscription.statusReason = null;
        return subscription;
    }

    /**
     * Queues one delivery again, with its webhook-id (receivers drop what they already have) and a
     * fresh retry schedule; it goes before the receiver's deliveries queued after it, in order.
     */
    @Transactional
    public WebhookDelivery redeliver(UUID subscriptionId, long deliveryId) {
        find(subscriptionId);
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        if (delivery == null || !delivery.subscriptionId.equals(subscriptionId)) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        requeue(delivery, OffsetDateTime.now(ZoneOffset.UTC));
        return delivery;
    }

    /** Queues again every delivery made since {@code since} that is not still queued; how many. */
    @Transactional
    public int redeliverSince(UUID subscriptionId, OffsetDateTime since) {
        find(subscriptionId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (since.isAfter(now)) {
            throw ProblemException.invalid("since", "must not be in the future");
        }
        // one statement, however many there are
        return WebhookDelivery.update("status = ?1, attempts = 0, nextAttemptAt = ?2, deliveredAt = null"
                + " where subscriptionId = ?3 and createdAt >= ?4 and status <> ?1", WebhookDelivery.Status.PENDING, now, subscriptionId, since);
    }

    private static void requeue(WebhookDelivery delivery, OffsetDateTime now) {
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = now;
        delivery.deliveredAt = null;
    }

    /** Queues a {@code civic.webhook.ping} CloudEvent for the receiver, after what is already queued for it. */
    @Transactional
    public WebhookDelivery ping(UUID id) {
        find(id);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String eventId = UUID.randomUUID().toString();
        String body = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/civic-registry/gateway\",\"type\":\""
                + PING + "\",\"subject\":\"" + id + "\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"webhookId\":\"" + id + "\"}}";
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.subscriptionId = id;
        delivery.eventId = eventId;
        delivery.eventType = PING;
        delivery.subject = id.toString();
        delivery.topic = "civic.webhook";
        delivery.body = body;
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.persist();
        return delivery;
    }

    public Page<WebhookView> list(PageRequest page) {
        UUID after = Cursor.decodeId(page.cursor());
        List<WebhookSubscription> rows = (after == null ? WebhookSubscription.<WebhookSubscription>find("order by id")
                : WebhookSubscription.<WebhookSubscription>find("id > ?1 order by id", after)).page(0, page.fetchSize()).list();
        return Page.of(rows, page.limit(), s -> WebhookView.of(s, false), s -> Cursor.after(s.id));
    }

    public Page<DeliveryView> deliveries(UUID subscriptionId, String status, PageRequest page) {
        find(subscriptionId);
        long after = Cursor.decodeNumber(page.cursor());
        WebhookDelivery.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = WebhookDelivery.Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badParameter("status", "must be one of PENDING, DELIVERED, DEAD");
            }
        }
        List<WebhookDelivery> rows = (wanted == null
                ? WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and id > ?2 order by id", subscriptionId, after)
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and id > ?2 and status = ?3 order by id",
                        subscriptionId, after, wanted)).page(0, page.fetchSize()).list();
        return Page.of(rows, page.limit(), DeliveryView::of, d -> Cursor.encode(String.valueOf(d.id)));
    }

    /**
     * Refuses receivers on this machine or an internal network: the gateway must not be used to probe
     * them. Only a first check, for a clear answer to the admin: DNS may change, so every delivery
     * vets the address again ({@link TargetAddresses}).
     */
    private void requireReachableTarget(URI url) {
        if (config.webhooks().allowPrivateTargets()) {
            return;
        }
        try {
            targets.vet(url.getHost());
        } catch (TargetAddresses.Refused e) {
            boolean unresolved = e.getMessage().equals("host does not resolve");
            throw new ProblemException(ProblemType.UNPROCESSABLE, unresolved ? "The webhook host does not resolve."
                    : "Webhook receivers on loopback, private or otherwise internal addresses are not allowed.",
                    List.of(new Violation("url", unresolved ? "host does not resolve" : "resolves to an address that is not public")),
                    List.of());
        }
    }

    /**
     * A new secret, returned once; the one before still signs (a second {@code webhook-signature})
     * for {@code rotation-overlap}, so receivers can switch without losing a delivery.
     */
    @Transactional
    public WebhookSubscription rotateSecret(UUID id) {
        WebhookSubscription subscription = find(id);
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretUntil = OffsetDateTime.now(ZoneOffset.UTC).plus(config.webhooks().rotationOverlap())
                .truncatedTo(ChronoUnit.MICROS);
        subscription.secret = Signatures.newSecret();
        return subscription;
    }
}
