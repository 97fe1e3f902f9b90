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
