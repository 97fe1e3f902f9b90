package org.civicregistry.agreements.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.agreements.common.AgreementsConfig;
import org.civicregistry.commons.consumer.Projection;
import org.civicregistry.commons.consumer.ReadModels;
import org.civicregistry.commons.record.PartialDate;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;

/**
 * Learns officials-service's organizations, people, posts and memberships from civic.officials.v1
 * (event types {@code civic.<record>.<action>}, data = the record's full snapshot). Each snapshot
 * replaces the row only when its version is newer, so repeats, stale versions and a replay from the
 * start of the topic leave the read model as the newest versions made it.
 */
@ApplicationScoped
public class OfficialsProjection implements Projection {

    private static final Logger LOG = Logger.getLogger(OfficialsProjection.class);

    /** Every nullable value is bound as text and cast, so a null binds the same way as a value. */
    private static final Map<String, String> CASTS = Map.ofEntries(
            Map.entry("slug", "text"), Map.entry("name", "jsonb"), Map.entry("label", "jsonb"),
            Map.entry("classification", "text"), Map.entry("role", "text"), Map.entry("status", "text"),
            Map.entry("parent_id", "uuid"), Map.entry("organization_id", "uuid"), Map.entry("person_id", "uuid"),
            Map.entry("post_id", "uuid"), Map.entry("start_on", "date"), Map.entry("end_on", "date"));

    private final EntityManager em;
    private final AgreementsConfig config;

    public OfficialsProjection(EntityManager em, AgreementsConfig config) {
        this.em = em;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.officialsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        String[] type = event.getType() == null ? new String[0] : event.getType().split("\\.");
        if (type.length < 3 || !"civic".equals(type[0])) {
            return;
        }
        UUID id = uuid(data.get("id"));
        JsonNode version = data.get("version");
        if (id == null || version == null || !version.canConvertToInt()) {
            LOG.warnf("Skipping %s %s: its data has no id or version", event.getType(), event.getId());
            return;
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        String table;
        switch (type[1]) {
            case "organization" -> {
                table = "known_organization";
                columns.put("slug", text(data, "slug"));
                columns.put("name", json(data, "name"));
                columns.put("classification", text(data, "classification"));
                columns.put("parent_id", text(data, "parentId"));
            }
            case "person" -> {
                table = "known_person";
                columns.put("slug", text(data, "slug"));
                columns.put("name", json(data, "name"));
            }
            case "post" -> {
                table = "known_post";
                columns.put("slug", text(data, "slug"));
                columns.put("label", json(data, "label"));
                columns.put("role", text(data, "role"));
                columns.put("organization_id", text(data, "organizationId"));
            }
            case "membership" -> {
                table = "known_membership";
                columns.put("person_id", text(data, "personId"));
                columns.put("organization_id", text(data, "organizationId"));
                columns.put("post_id", text(data, "postId"));
                String start = text(data, "start");
                String end = text(data, "end");
                columns.put("start_on", start == null ? null : PartialDate.parse(start).firstDay().toString());
                columns.put("end_on", end == null ? null : PartialDate.parse(end).lastDay().toString());
                columns.put("acting", data.path("acting").asBoolean(false));
            }
            default -> {
                return;
            }
        }
        String status = text(data, "status");
        columns.put("status", status == null ? "active" : status);
        ReadModels.upsertNewer(em, table, id, version.asInt(), columns, CASTS);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String json(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.toString();
    }

    private static UUID uuid(JsonNode value) {
        try {
            return value == null || !value.isTextual() ? null : UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
