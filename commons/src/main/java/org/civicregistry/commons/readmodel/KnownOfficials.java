package org.civicregistry.commons.readmodel;

import static org.civicregistry.commons.consumer.ReadModelWriter.text;
import static org.civicregistry.commons.consumer.ReadModelWriter.uuid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.commons.consumer.ReadModelWriter;
import org.civicregistry.commons.consumer.ReadModelWriter.Column;
import org.civicregistry.commons.security.JurisdictionChain;

import io.cloudevents.CloudEvent;

/**
 * The organizations, people and posts of officials-service, as every consumer of civic.officials.v1
 * keeps them (tables {@code known_organization}, {@code known_person}, {@code known_post}, defined
 * once in {@code db/readmodel}): ids, slugs, names, the organization tree. A consumer's projection
 * hands it each officials event and keeps only what is its own (agreements: memberships).
 */
@ApplicationScoped
public class KnownOfficials {

    private final ReadModelWriter writer;
    private final EntityManager em;

    public KnownOfficials(ReadModelWriter writer, EntityManager em) {
        this.writer = writer;
        this.em = em;
    }

    /**
     * Applies an organization, person or post snapshot if it is newer than the version held. One
     * without the name (label) its schema requires is skipped with a warning: officials never
     * publishes one, and a row without a name is of no use to a feed or a message.
     *
     * @return false when the event is of another kind (a membership, a newer kind): the caller's to handle
     */
    public boolean apply(CloudEvent event, JsonNode data) {
        OfficialsRecord kind = OfficialsRecord.ofEventType(event.getType()).orElse(null);
        if (kind == null || kind == OfficialsRecord.MEMBERSHIP) {
            return false;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("slug", Column.text(text(data, "slug")));
        switch (kind) {
            case ORGANIZATION -> {
                columns.put("classification", Column.text(text(data, "classification")));
                columns.put("parent_id", Column.uuid(uuid(data, "parentId")));
            }
            case POST -> {
                columns.put("role", Column.text(text(data, "role")));
                columns.put("organization_id", Column.uuid(uuid(data, "organizationId")));
            }
            default -> {
            }
        }
        columns.put("status", Column.text(status(data)));
        writer.upsertNamed(kind.table(), kind == OfficialsRecord.POST ? "label" : "name", event, data, columns);
        return true;
    }

    /** A snapshot's status; an older publisher's without one meant active. */
    public static String status(JsonNode data) {
        String status = text(data, "status");
        return status == null ? "active" : status;
    }

    /** The slugs of an organization and all its ancestors, as learned: the jurisdictions it belongs to. */
    public Set<String> jurisdictionsOf(UUID organizationId) {
        return JurisdictionChain.slugs(em, OfficialsRecord.ORGANIZATION.table(), organizationId);
    }
}
