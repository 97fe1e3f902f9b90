package org.civicregistry.officials.common;

import java.util.List;

import jakarta.ws.rs.Path;

import org.civicregistry.commons.snapshot.ServiceSnapshotResource;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.write.RecordService;

import io.quarkus.arc.All;

/** Every collection of the officials service in one download; the gateway's joins it into the whole register. */
@Path("/api/v1/snapshot")
public class OfficialsSnapshotResource extends ServiceSnapshotResource {

    public OfficialsSnapshotResource(@All List<RecordService<?, ?, ?>> records, Snapshots snapshots) {
        super("officials", records, snapshots);
    }
}
