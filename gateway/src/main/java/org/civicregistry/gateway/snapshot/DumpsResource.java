package org.civicregistry.gateway.snapshot;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.snapshot.DataLicence;
import org.civicregistry.commons.snapshot.Snapshots;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The register's dumps ({@link Dumps}) and their catalogue, in DCAT (the W3C Data Catalog
 * Vocabulary that data portals such as data.go.kr and data.europa.eu harvest) as JSON-LD.
 */
@jakarta.ws.rs.Path("/api/v1/dumps")
public class DumpsResource {

    static final String JSON_LD = "application/ld+json";
    private static final String IANA = "https://www.iana.org/assignments/media-types/";

    private final Dumps dumps;
    private final ObjectMapper mapper;

    public DumpsResource(Dumps dumps, ObjectMapper mapper) {
        this.dumps = dumps;
        this.mapper = mapper;
    }

    @GET
    @Produces({ JSON_LD, MediaType.APPLICATION_JSON })
    @Operation(operationId = "getDumpCatalogue", summary = "The catalogue of the register's downloads",
            description = "A DCAT catalogue (JSON-LD) with one dataset, the register: a distribution for the live download "
                    + "(GET /api/v1/snapshot) and one for each kept dump file, with its media type, size, SHA-256 checksum, "
                    + "time and licence. Harvesters of open-data portals read it as it is.")
    @APIResponse(responseCode = "200", description = "The catalogue.", headers = @Header(name = "Link",
            description = "The data's licence (rel license).", schema = @Schema(type = SchemaType.STRING)))
    public Response catalogue(@Context UriInfo uri) throws IOException {
        URI base = uri.getBaseUri();
        ObjectNode catalogue = mapper.createObjectNode();
        ObjectNode context = catalogue.putObject("@context");
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("spdx", "http://spdx.org/rdf/terms#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        catalogue.put("@id", base.resolve("api/v1/dumps").toString());
        catalogue.put("@type", "dcat:Catalog");
        catalogue.put("dct:title", "Civic Registry");
        catalogue.putObject("dct:license").put("@id", DataLicence.URL);
        ObjectNode dataset = catalogue.putArray("dcat:dataset").addObject();
        dataset.put("@id", base.resolve("api/v1/dumps#register").toString());
        dataset.put("@type", "dcat:Dataset");
        texts(dataset.putArray("dct:title"), "등록부 전체", "The whole register");
        texts(dataset.putArray("dct:description"), "지방정부의 협약과 그 조항, 공약 사업과 추진 현황, 공직자와 기관·직위·재임, 공개 일정.",
                "What regional governments agree, what each has promised and how far it got, who holds office, and "
                        + "where officials will be.");
        dataset.putObject("dct:license").put("@id", DataLicence.URL);
        ArrayNode distributions = dataset.putArray("dcat:distribution");
        ObjectNode live = distributions.addObject();
        live.put("@type", "dcat:Distribution");
        texts(live.putArray("dct:title"), "실시간 내려받기 (NDJSON)", "Live download (NDJSON)");
        live.putObject("dcat:accessURL").put("@id", base.resolve("api/v1/snapshot").toString());
        live.putObject("dcat:mediaType").put("@id", IANA + Snapshots.NDJSON);
        live.putObject("dct:license").put("@id", DataLicence.URL);
        for (Dumps.Manifest manifest : dumps.manifests()) {
            for (Dumps.DumpFile file : manifest.files()) {
                ObjectNode distribution = distributions.addObject();
                distribution.put("@id", base.resolve("api/v1/dumps/" + file.name()).toString());
                distribution.put("@type", "dcat:Distribution");
                distribution.putObject("dcat:downloadURL").put("@id", base.resolve("api/v1/dumps/" + file.name()).toString());
                distribution.putObject("dcat:mediaType").put("@id", IANA + file.mediaType());
                distribution.putObject("dcat:byteSize").put("@value", file.bytes()).put("@type", "xsd:nonNegativeInteger");
                distribution.putObject("dct:issued").put("@value", file.taken().toString()).put("@type", "xsd:dateTime");
                distribution.putObject("dct:license").put("@id", DataLicence.URL);
                ObjectNode checksum = distribution.putObject("spdx:checksum");
                checksum.put("@type", "spdx:Checksum");
                checksum.putObject("spdx:algorithm").put("@id", "spdx:checksumAlgorithm_sha256");
                checksum.put("spdx:checksumValue", file.sha256());
            }
        }
        return Response.ok(catalogue, JSON_LD).header("Link", DataLicence.LINK).build();
    }

    @GET
    @jakarta.ws.rs.Path("{file}")
    @Produces({ "application/gzip", Snapshots.ZIP, MediaType.APPLICATION_JSON })
    @Operation(operationId = "getDumpFile", summary = "One file of a dump",
            description = "register-<time>.ndjson.gz (the register as gzipped NDJSON), register-<time>.zip (a CSV file per "
                    + "collection) or register-<time>.manifest.json (the dump's files with their sizes, SHA-256 checksums and "
                    + "the stream position each ends at: follow the stream from there as after a download). A dump never "
                    + "changes: it may be cached for good.")
    @APIResponse(responseCode = "200", description = "The file.", headers = {
            @Header(name = "Link", description = "The data's licence (rel license).", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "The file's SHA-256, hex.", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Repr-Digest", description = "The file's SHA-256 (RFC 9530).", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "A dump never changes.", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Content-Disposition", description = "The file name.", schema = @Schema(type = SchemaType.STRING)) })
    public Response file(@PathParam("file") String name) throws IOException {
        Path file = dumps.file(name).orElseThrow(() -> ProblemException.notFound("dump file", name));
        String type = name.endsWith(".zip") ? Snapshots.ZIP : name.endsWith(".gz") ? "application/gzip" : MediaType.APPLICATION_JSON;
        Response.ResponseBuilder answer = Response.ok(file.toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Link", DataLicence.LINK)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        checksumOf(name).ifPresent(sha256 -> answer.tag(sha256)
                // RFC 9530: what the bytes are, for a client to check them
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":"));
        return answer.build();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDump", summary = "Make a dump now",
            description = "Admin: makes a dump at once, as the schedule would (civic.gateway.dumps.every), and answers its "
                    + "manifest. 409 when this gateway has no civic.gateway.dumps.directory; 503 while a service cannot "
                    + "start its download.")
    @APIResponse(responseCode = "201", description = "The new dump's manifest.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Dumps.Manifest.class)),
            headers = @Header(name = "Location", description = "The manifest's file.", schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Context UriInfo uri) throws IOException {
        if (dumps.directory().isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "This gateway makes no dumps: civic.gateway.dumps.directory is not set.");
        }
        Dumps.Manifest manifest = dumps.dump();
        return Response.created(uri.getBaseUri().resolve("api/v1/dumps/" + manifest.name() + Dumps.MANIFEST)).entity(manifest).build();
    }

    private java.util.Optional<String> checksumOf(String name) throws IOException {
        return dumps.manifestOf(name).flatMap(m -> m.files().stream().filter(f -> f.name().equals(name)).map(Dumps.DumpFile::sha256)
                .findFirst());
    }

    private static void texts(ArrayNode values, String ko, String en) {
        values.addObject().put("@value", ko).put("@language", "ko");
        values.addObject().put("@value", en).put("@language", "en");
    }
}
