package org.civicregistry.gateway.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.kafka.common.TopicPartition;
import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.snapshot.DataLicence;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.RequestIds;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * The whole register in one download: every service's own download ({@code /api/v1/snapshot} on the
 * service, each from one database snapshot of its own) one after the other, with one position that
 * covers every topic. The services' downloads all begin before the first byte is sent, so the
 * headers can say where each ends; the ones not yet being read wait, their snapshots open.
 */
@Path("/api/v1/snapshot")
@Produces({ Snapshots.NDJSON, Snapshots.ZIP })
public class RegisterSnapshotResource {

    private static final Logger LOG = Logger.getLogger(RegisterSnapshotResource.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final GatewayConfig config;
    private final HttpClient http;

    public RegisterSnapshotResource(GatewayConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** One service's download, begun: its headers are in, its body not yet read. */
    private record Part(String service, HttpResponse<InputStream> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElseThrow(() -> new ProblemException(ProblemType.BAD_GATEWAY,
                    "The " + service + " service's download did not say " + name + "."));
        }
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
            @Context HttpHeaders headers) {
        List<Part> parts = begin(format, headers);
        Map<TopicPartition, Long> position = new HashMap<>();
        List<String> described = new ArrayList<>();
        OffsetDateTime taken = null;
        long parked = 0;
        boolean zip;
        try {
            for (Part part : parts) {
                described.add(part.header(Snapshots.POSITION));
                position.putAll(StreamPositions.decode(part.header(Snapshots.LAST_EVENT_ID)));
                OffsetDateTime at = OffsetDateTime.parse(part.header(Snapshots.TAKEN));
                taken = taken == null || at.isAfter(taken) ? at : taken;
                parked += Long.parseLong(part.header(Snapshots.PARKED));
            }
            zip = parts.get(0).header(HttpHeaders.CONTENT_TYPE).startsWith(Snapshots.ZIP);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e instanceof ProblemException ? e : new ProblemException(ProblemType.BAD_GATEWAY,
                    "A service's download carried headers the gateway cannot read: " + e.getMessage());
        }
        boolean gzip = acceptsGzip(headers);
        String file = "register-" + FILE_TIME.format(taken.withOffsetSameInstant(ZoneOffset.UTC)) + (zip ? ".zip" : ".ndjson");
        long deadline = System.nanoTime() + config.downloadTimeout().toNanos();
        StreamingOutput body = raw -> {
            try {
                // a ZIP is compressed already
                OutputStream out = gzip && !zip ? new GZIPOutputStream(raw, 64 * 1024) : raw;
                if (zip) {
                    joinZips(parts, out, deadline);
                } else {
                    for (Part part : parts) {
                        copy(part.response().body(), out, deadline);
                    }
                }
                if (out instanceof GZIPOutputStream compressed) {
                    compressed.finish();
                }
                out.flush();
            } finally {
                closeAll(parts);
            }
        };
        Response.ResponseBuilder answer = Response.ok(body, zip ? Snapshots.ZIP : Snapshots.NDJSON)
                .header(Snapshots.POSITION, String.join(",", described))
                .header(Snapshots.LAST_EVENT_ID, StreamPositions.encode(position))
                .header(Snapshots.TAKEN, taken.withOffsetSameInstant(ZoneOffset.UTC).toString())
                .header(Snapshots.PARKED, parked)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Link", DataLicence.LINK)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.VARY, "Accept, Accept-Encoding");
        if (gzip && !zip) {
            answer.header("Content-Encoding", "gzip");
        }
        return answer.build();
    }

    /**
     * Starts every service's download at once. If one cannot start (unreachable, a 503, no answer within
     * {@code civic.gateway.download-start-timeout}), the others are let go at once and none is sent.
     */
    private List<Part> begin(String format, HttpHeaders headers) {
        String query = format == null ? "" : "?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8);
        List<String> services = config.upstreams().keySet().stream().sorted().toList();
        List<CompletableFuture<Part>> started = new ArrayList<>();
        CompletableFuture<Void> oneFailed = new CompletableFuture<>();
        for (String service : services) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.upstreams().get(service).url() + "/api/v1/snapshot" + query))
                    .timeout(config.downloadStartTimeout()).GET();
            String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
            if (accept != null && !accept.isBlank()) {
                request.header(HttpHeaders.ACCEPT, accept);
            }
            String requestId = headers.getHeaderString(RequestIds.HEADER);
            if (requestId != null) {
                request.header(RequestIds.HEADER, requestId);
            }
            CompletableFuture<Part> part = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .thenApply(response -> new Part(service, response));
            part.whenComplete((done, failure) -> {
                if (failure != null || done.response().statusCode() != 200) {
                    oneFailed.complete(null);
                }
            });
            started.add(part);
        }
        CompletableFuture.anyOf(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)), oneFailed).join();
        List<Part> parts = new ArrayList<>();
        RuntimeException refused = null;
        for (int i = 0; i < started.size(); i++) {
            CompletableFuture<Part> part = started.get(i);
            if (!part.isDone()) {
                // still starting while another failed: cancelling the exchange closes its connection
                part.cancel(true);
                continue;
            }
            try {
                Part answered = part.join();
                parts.add(answered);
                if (answered.response().statusCode() != 200 && refused == null) {
                    refused = refusal(answered);
                }
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                LOG.warnf("The %s service's download could not start: %s", services.get(i), e.getCause());
                if (refused == null) {
                    refused = new ProblemException(ProblemType.UNAVAILABLE, "The " + services.get(i) + " service cannot be "
                            + "reached, and the register's download needs every service; retry in a moment.");
                }
            }
        }
        if (refused != null) {
            closeAll(parts);
            throw refused;
        }
        return parts;
    }

    /** A bad parameter is the client's (the service's problem, passed on); anything else a 503 naming the service. */
    private static RuntimeException refusal(Part part) {
        int status = part.response().statusCode();
        if (status == 400 || status == 406) {
            try (InputStream problem = part.response().body()) {
                return new WebProblem(status, new String(problem.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new ProblemException(ProblemType.BAD_GATEWAY, "The " + part.service() + " service's answer was cut off.");
            }
        }
        return new ProblemException(ProblemType.UNAVAILABLE, "The " + part.service() + " service cannot start its download"
                + " (HTTP " + status + "), and the register's download needs every service; retry in a moment.");
    }

    /** A service's own 400 problem, answered as it came. */
    private static final class WebProblem extends jakarta.ws.rs.WebApplicationException {
        WebProblem(int status, String problem) {
            super(Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build());
        }
    }

    /** Every service's ZIP entries into one ZIP, each entry copied as it comes. */
    private static void joinZips(List<Part> parts, OutputStream out, long deadline) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (Part part : parts) {
            ZipInputStream entries = new ZipInputStream(part.response().body(), StandardCharsets.UTF_8);
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                copy(entries, zip, deadline);
                zip.closeEntry();
            }
        }
        zip.finish();
    }

    /** As InputStream.transferTo, but cut off at the download deadline, as the proxy cuts off a collection's download. */
    private static void copy(InputStream in, OutputStream out, long deadline) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The register's download passed civic.gateway.download-timeout");
            }
            out.write(buffer, 0, read);
        }
    }

    private static boolean acceptsGzip(HttpHeaders headers) {
        String accepted = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        return accepted != null && List.of(accepted.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")).stream()
                .anyMatch(coding -> coding.equals("gzip") || coding.startsWith("gzip;") && !coding.matches("gzip;\\s*q=0(\\.0*)?"));
    }

    private static void closeAll(List<Part> parts) {
        for (Part part : parts) {
            try {
                part.response().body().close();
            } catch (IOException e) {
                LOG.debugf("Closing the %s service's download: %s", part.service(), e.getMessage());
            }
        }
    }
}
