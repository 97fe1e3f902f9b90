package org.civicregistry.agreements.readmodel;

import static org.civicregistry.commons.consumer.ReadModelWriter.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.agreements.common.AgreementsConfig;
import org.civicregistry.commons.consumer.Projection;
import org.civicregistry.commons.consumer.ReadModelWriter;
import org.civicregistry.commons.consumer.ReadModelWriter.Column;

import io.cloudevents.CloudEvent;

/**
 * Learns events-service's events from civic.events.v1, so that a signing event, an announcement and
 * an initiative's events are links to events that exist. Snapshots replace a row only when newer.
 */
@ApplicationScoped
public class EventsProjection implements Projection {

    private final ReadModelWriter writer;
    private final AgreementsConfig config;

    public EventsProjection(ReadModelWriter writer, AgreementsConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.eventsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        if (!KnownEvent.EVENT.noun().equals(ReadModelWriter.kind(event.getType()))) {
            return;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("slug", Column.text(text(data, "slug")));
        columns.put("starts_at", new Column(text(data, "startsAt"), "timestamptz"));
        columns.put("event_status", Column.text(text(data, "status")));
        String recordStatus = text(data, "recordStatus");
        columns.put("status", Column.text(recordStatus == null ? "active" : recordStatus));
        writer.upsertNamed(KnownEvent.EVENT.table(), "title", event, data, columns);
    }
}
