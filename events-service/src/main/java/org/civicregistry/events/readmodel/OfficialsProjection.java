package org.civicregistry.events.readmodel;

import static org.civicregistry.events.readmodel.ReadModelWriter.text;
import static org.civicregistry.events.readmodel.ReadModelWriter.uuid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.commons.consumer.Projection;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.readmodel.ReadModelWriter.Column;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;

/**
 * Keeps the organizations, people and posts of officials-service (civic.officials.v1) that events
 * reference: ids, slugs, names, the organization tree (for jurisdictions). Memberships are not kept.
 */
@ApplicationScoped
public class OfficialsProjection implements Projection {

    private static final Logger LOG = Logger.getLogger(OfficialsProjection.class);

    private final ReadModelWriter writer;
    private final EventsConfig config;

    public OfficialsProjection(ReadModelWriter writer, EventsConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.officialsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        Map<String, Column> columns = new LinkedHashMap<>();
        KnownRecord kind;
        switch (ReadModelWriter.kind(event.getType())) {
            case "organization" -> {
                kind = KnownRecord.ORGANIZATION;
                columns.put("slug", Column.text(text(data, "slug")));
                columns.put("name", Column.json(data.path("name")));
                columns.put("classification", Column.text(text(data, "classification")));
                columns.put("parent_id", Column.uuid(uuid(data, "parentId")));
            }
            case "person" -> {
                kind = KnownRecord.PERSON;
                columns.put("slug", Column.text(text(data, "slug")));
                columns.put("name", Column.json(data.path("name")));
            }
            case "post" -> {
                kind = KnownRecord.POST;
                columns.put("slug", Column.text(text(data, "slug")));
                columns.put("label", Column.json(data.path("label")));
                columns.put("role", Column.text(text(data, "role")));
                columns.put("organization_id", Column.uuid(uuid(data, "organizationId")));
            }
            default -> {
                return; // memberships and anything newer: not needed here
            }
        }
        if (!data.path(kind == KnownRecord.POST ? "label" : "name").isObject()) {
            LOG.warnf("Ignoring %s %s: its data has no %s", event.getType(), event.getId(), kind.nameColumn());
            return;
        }
        columns.put("status", Column.text(text(data, "status") == null ? "active" : text(data, "status")));
        writer.upsert(kind, event, data, columns);
    }
}
