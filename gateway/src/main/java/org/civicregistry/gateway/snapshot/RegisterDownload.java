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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.TopicPartition;
import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.RequestIds;
import org.jboss.logging.Logger;

/**
 * The whole register, read from every service's own download ({@code /api/v1/snapshot} on the
 * service, each from one database snapshot of its own), one after the other, with one position that
 * covers every topic: for the register's download and for the scheduled dumps. Every service's
 * download begins before the first byte is read, so the position is known up front; the ones not
 * yet being read wait, their snapshots open.
 */
@ApplicationScoped
public class RegisterDownload {

    private static final Logger LOG = Logger.getLogger(RegisterDownload.class);

    private final GatewayConfig config;
    private final HttpClient http;

    public RegisterDownload(GatewayConfig config) {
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

    /** Every service's download begun: where together they end in the stream, and their bodies to read once. */
    public static final class Started implements AutoCloseable {
        private final List<Part> parts;
        final boolean zip;
        final String position;
        final String lastEventId;
        final OffsetDateTime taken;
        final long parked;

        private Started(List<Part> parts) {
            this.parts = parts;
            Map<TopicPartition, Long> end = new HashMap<>();
            List<String> described = new ArrayList<>();
            OffsetDateTime latest = null;
            long held = 0;
            for (Part part : parts) {
                described.add(part.header(Snapshots.POSITION));
                end.putAll(StreamPositions.decode(part.header(Snapshots.LAST_EVENT_ID)));
                OffsetDateTime at = OffsetDateTime.parse(part.header(Snapshots.TAKEN));
                latest = latest == null || at.isAfter(latest) ? at : latest;
                held += Long.parseLong(part.header(Snapshots.PARKED));
            }
            this.zip = parts.get(0).header(HttpHeaders.CONTENT_TYPE).startsWith(Snapshots.ZIP);
            this.position = String.join(",", described);
            this.lastEventId = StreamPositions.encode(end);
            this.taken = latest;
            this.parked = held;
        }

        /** The register into {@code out}, cut off at {@code deadline} (System.nanoTime). */
        void writeTo(OutputStream out, long deadline) throws IOException {
            if (zip) {
                joinZips(parts, out, deadline);
            } else {
                for (Part part : parts) {
                    copy(part.response().body(), out, deadline);
                }
            }
        }

        /** Lets every service's download go; again is harmless. */
        @Override
        public void close() {
            closeAll(parts);
        }
    }

    /**
     * @param format    ndjson or csv, as the client asked; null for Accept to decide
     * @param requestId passed on, so the services' logs name the request
     */
    public Started start(String format, String accept, String requestId) {
        List<Part> parts = begin(format, accept, requestId);
        try {
            return new Started(parts);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e instanceof ProblemException ? e : new ProblemException(ProblemType.BAD_GATEWAY,
                    "A service's download carried headers the gateway cannot read: " + e.getMessage());
        }
    }

    /**
     * Starts every service's download at once. If one cannot start (unreachable, a 503, no answer within
     * {@code civic.gateway.download-start-timeout}), the others are let go at once and none is sent.
     */
    private List<Part> begin(String format, String accept, String requestId) {
        String query = format == null ? "" : "?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8);
        List<String> services = config.upstreams().keySet().stream().sorted().toList();
        List<CompletableFuture<Part>> started = new ArrayList<>();
        CompletableFuture<Void> oneFailed = new CompletableFuture<>();
        for (String service : services) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.upstreams().get(service).url() + "/api/v1/snapshot" + query))
                    .timeout(config.downloadStartTimeout()).GET();
            if (accept != null && !accept.isBlank()) {
                request.header(HttpHeaders.ACCEPT, accept);
            }
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
