package org.civicregistry.commons.snapshot;

import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.civicregistry.commons.write.RecordService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.vertx.core.http.HttpServerResponse;

/**
 * Everything one service holds, every collection from one database snapshot, so one stream position
 * covers them all. Each service registers a subclass at {@code /api/v1/snapshot}; the gateway's
 * {@code /api/v1/snapshot} joins the services' into the whole register (a subclass, not a resource
 * here, because the gateway uses this module too and serves that path itself).
 */
@Produces({ Snapshots.NDJSON, Snapshots.ZIP })
public abstract class ServiceSnapshotResource {

    private final String name;
    private final List<Snapshots.Collection> collections;
    private final Snapshots snapshots;

    /** @param name the service's name, for the file name ({@code officials-20261203T140501Z.ndjson}) */
    protected ServiceSnapshotResource(String name, List<? extends RecordService<?, ?, ?>> records, Snapshots snapshots) {
        this.name = name;
        this.collections = records.stream().map(RecordService::snapshotCollection)
                .sorted(Comparator.comparing(Snapshots.Collection::name)).toList();
        this.snapshots = snapshots;
    }

    @GET
    @Operation(operationId = "downloadServiceSnapshot", summary = "Download every collection of this service",
            description = "Every record of every collection of this service, archived ones too, from one database snapshot, "
                    + "with the stream position it ends at (the headers of the collections' downloads). NDJSON: one line "
                    + "{\"collection\": \"people\", \"record\": {...}} a record, collection by collection in name order. CSV: a "
                    + "ZIP of one file per collection (people.csv), each as that collection's download writes it.")
    @APIResponse(responseCode = "200", description = "The service's records, streamed.")
    public Response snapshot(
            @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context HttpServerResponse response) {
        return snapshots.downloadAll(name, collections, format, headers, response);
    }
}
