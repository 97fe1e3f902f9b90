package org.civicregistry.events.common;

import java.util.List;

import jakarta.ws.rs.Path;

import org.civicregistry.commons.snapshot.ServiceSnapshotResource;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.write.RecordService;

import io.quarkus.arc.All;

/** Every collection of the events service in one download; the gateway's joins it into the whole register. */
@Path("/api/v1/snapshot")
public class EventsSnapshotResource extends ServiceSnapshotResource {

    public EventsSnapshotResource(@All List<RecordService<?, ?, ?>> records, Snapshots snapshots) {
        super("events", records, snapshots);
    }
}
