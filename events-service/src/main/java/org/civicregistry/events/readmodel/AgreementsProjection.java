package org.civicregistry.events.readmodel;

import static org.civicregistry.commons.consumer.ReadModelWriter.text;
import static org.civicregistry.commons.consumer.ReadModelWriter.uuid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.commons.consumer.Projection;
import org.civicregistry.commons.consumer.ReadModelWriter;
import org.civicregistry.commons.consumer.ReadModelWriter.Column;
import org.civicregistry.events.common.EventsConfig;

import io.cloudevents.CloudEvent;

/** Keeps the agreements of agreements-service (civic.agreements.v1) that events may relate to. */
@ApplicationScoped
public class AgreementsProjection implements Projection {

    private final ReadModelWriter writer;
    private final EventsConfig config;

    public AgreementsProjection(ReadModelWriter writer, EventsConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.agreementsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        if (!"agreement".equals(ReadModelWriter.kind(event.getType()))) {
            return;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("slug", Column.text(text(data, "slug")));
        columns.put("kind", Column.text(text(data, "kind")));
        columns.put("status", Column.text(text(data, "status")));
        columns.put("signed_on", Column.text(text(data, "signedOn")));
        columns.put("signing_event_id", Column.uuid(uuid(data, "signingEventId")));
        writer.upsertNamed(KnownRecord.AGREEMENT.table(), "title", event, data, columns);
    }
}
