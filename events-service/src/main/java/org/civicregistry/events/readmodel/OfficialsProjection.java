package org.civicregistry.events.readmodel;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.commons.consumer.Projection;
import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.events.common.EventsConfig;

import io.cloudevents.CloudEvent;

/**
 * Keeps the organizations, people and posts of officials-service (civic.officials.v1) that events
 * reference, as every consumer does ({@link KnownOfficials}). Memberships are not kept here.
 */
@ApplicationScoped
public class OfficialsProjection implements Projection {

    private final KnownOfficials officials;
    private final EventsConfig config;

    public OfficialsProjection(KnownOfficials officials, EventsConfig config) {
        this.officials = officials;
        this.config = config;
    }

    @Override
    public Set<String> topics() {
        return Set.of(config.officialsTopic());
    }

    @Override
    public void apply(CloudEvent event, JsonNode data) {
        officials.apply(event, data); // memberships and kinds newer than this service: not needed here
    }
}
