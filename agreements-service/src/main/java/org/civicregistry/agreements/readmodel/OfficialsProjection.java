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
import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.commons.readmodel.OfficialsRecord;
import org.civicregistry.commons.record.PartialDate;

import io.cloudevents.CloudEvent;

/**
 * Learns officials-service's records from civic.officials.v1: organizations, people and posts as
 * every consumer does ({@link KnownOfficials}), and memberships, which only agreements keeps: a
 * signatory must have held the post on the signing day. Snapshots replace a row only when newer, so
 * repeats, stale versions and a replay from the start of the topic leave the newest versions.
 */
@ApplicationScoped
public class OfficialsProjection implements Projection {

    private final KnownOfficials officials;
    private final ReadModelWriter writer;
    private final AgreementsConfig config;

    public OfficialsProjection(KnownOfficials officials, ReadModelWriter writer, AgreementsConfig config) {
        this.officials = officials;
        this.writer = writer;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.officialsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        boolean membership = OfficialsRecord.ofEventType(event.getType()).orElse(null) == OfficialsRecord.MEMBERSHIP;
        if (!membership) {
            officials.apply(event, data);
            return;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("person_id", Column.uuid(ReadModelWriter.uuid(data, "personId")));
        columns.put("organization_id", Column.uuid(ReadModelWriter.uuid(data, "organizationId")));
        columns.put("post_id", Column.uuid(ReadModelWriter.uuid(data, "postId")));
        // partial dates widened: a term from 2022-07 may have begun on its first day
        String start = text(data, "start");
        String end = text(data, "end");
        columns.put("start_on", Column.date(start == null ? null : PartialDate.parse(start).firstDay()));
        columns.put("end_on", Column.date(end == null ? null : PartialDate.parse(end).lastDay()));
        columns.put("acting", Column.bool(data.path("acting").asBoolean(false)));
        columns.put("status", Column.text(KnownOfficials.status(data)));
        writer.upsert(OfficialsRecord.MEMBERSHIP.table(), event, data, columns);
    }
}
