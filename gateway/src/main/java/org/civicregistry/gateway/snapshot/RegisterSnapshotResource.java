package org.civicregistry.gateway.snapshot;

import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.civicregistry.commons.snapshot.DataLicence;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.RequestIds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/** The whole register in one download ({@link RegisterDownload}), gzipped on request. */
@Path("/api/v1/snapshot")
@Produces({ Snapshots.NDJSON, Snapshots.ZIP })
public class RegisterSnapshotResource {


    private final RegisterDownload register;
    private final GatewayConfig config;

    public RegisterSnapshotResource(RegisterDownload register, GatewayConfig config) {
        this.register = register;
        this.config = config;
    }

    @GET
    @Operation(operationId = "downloadRegister", summary = "Download the whole register",
            description = "Every record of every collection of every service, archived ones too: the services' downloads one "
                    + "after the other (agreements and programmes, events, then officials), each from one consistent "
                    + "snapshot of its database. NDJSON: one line {\"collection\": \"people\", \"record\": {...}} a record. "
                    + "CSV: a ZIP of one file per collection (people.csv, ...). Civic-Stream-Position and Civic-Last-Event-ID "
                    + "cover every topic: follow the SSE stream with topics=civic.officials.v1,civic.agreements.v1,"
                    + "civic.events.v1 from there and nothing is missed or doubled. Gzipped when the request sends "
                    + "Accept-Encoding: gzip. 503 while any service cannot start its download (retry after Retry-After).")
    @APIResponse(responseCode = "200", description = "The register, streamed.")
    public Response download(
            @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context HttpServerResponse response) {
        RegisterDownload.Started started = register.start(format, headers.getHeaderString(HttpHeaders.ACCEPT),
                headers.getHeaderString(RequestIds.HEADER));
        // However the exchange ends (streamed, HEAD, the client gone before the body began), the services'
        // downloads are let go: an unread one would hold its service's snapshot and download slot.
        response.endHandler(v -> Infrastructure.getDefaultWorkerPool().execute(started::close));
        response.closeHandler(v -> Infrastructure.getDefaultWorkerPool().execute(started::close));
        boolean gzip = !started.zip && acceptsGzip(headers);
        String file = "register-" + Snapshots.FILE_TIME.format(started.taken.withOffsetSameInstant(ZoneOffset.UTC))
                + (started.zip ? ".zip" : ".ndjson");
        long deadline = System.nanoTime() + config.downloadTimeout().toNanos();
        StreamingOutput body = raw -> {
            try (started) {
                // a ZIP is compressed already
                OutputStream out = gzip ? new GZIPOutputStream(raw, 64 * 1024) : raw;
                started.writeTo(out, deadline);
                if (out instanceof GZIPOutputStream compressed) {
                    compressed.finish();
                }
                out.flush();
            }
        };
        Response.ResponseBuilder answer = Response.ok(body, started.zip ? Snapshots.ZIP : Snapshots.NDJSON)
                .header(Snapshots.POSITION, started.position)
                .header(Snapshots.LAST_EVENT_ID, started.lastEventId)
                .header(Snapshots.TAKEN, started.taken.withOffsetSameInstant(ZoneOffset.UTC).toString())
                .header(Snapshots.PARKED, started.parked)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Link", DataLicence.LINK)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.VARY, "Accept, Accept-Encoding");
        if (gzip) {
            answer.header("Content-Encoding", "gzip");
        }
        return answer.build();
    }

    private static boolean acceptsGzip(HttpHeaders headers) {
        String accepted = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        return accepted != null && List.of(accepted.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")).stream()
                .anyMatch(coding -> coding.equals("gzip") || coding.startsWith("gzip;") && !coding.matches("gzip;\\s*q=0(\\.0*)?"));
    }

}
