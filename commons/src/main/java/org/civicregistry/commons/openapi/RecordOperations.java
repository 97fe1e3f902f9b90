package org.civicregistry.commons.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.linkeddata.LinkedData;
import org.civicregistry.commons.openapi.RecordDocs.Route;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.snapshot.DataLicence;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.text.LocalizedText;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Completes the record routes a collection inherits from {@code commons.write.RecordResource} with
 * what their annotations cannot say: the collection's noun in summaries and descriptions, its record
 * (the schema its create answers) in every response and its input in PATCH, its create examples in
 * PUT, the security its create has on the writes, and its {@link RecordDocs}. Run by {@link ApiConventions} before the conventions that read
 * those schemas (the ETag of a response that returns a record).
 */
final class RecordOperations {

    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordOperations() {
    }

    static void document(OpenAPI openAPI, List<RecordDocs> collections) {
        serviceSnapshot(openAPI);
        for (RecordDocs docs : collections) {
            String c = docs.collection();
            String noun = ApiConventions.singular(c.substring(c.lastIndexOf('/') + 1));
            String a = (noun.matches("[aeiou].*") ? "an " : "a ") + noun;
            Operation create = operation(openAPI, c, PathItem.HttpMethod.POST);
            Schema record = schema(create.getResponses().getAPIResponse("201").getContent());

            Operation get = operation(openAPI, c + "/{id}", PathItem.HttpMethod.GET);
            describe(get, "Get " + a, docs.descriptions().get(Route.GET));
            answers(get, "The " + noun + ".", record);
            linkedData(get, c, noun, record);

            describe(operation(openAPI, c + "/{id}/history", PathItem.HttpMethod.GET), "History of " + a,
                    docs.descriptions().get(Route.HISTORY));

            snapshot(openAPI, c, noun, record);

            Operation put = operation(openAPI, c + "/{id}", PathItem.HttpMethod.PUT);
            describe(put, "Replace " + a, "Needs If-Match with the current ETag. " + docs.replace());
            put.getRequestBody().getContent().getMediaType(JSON).setExamples(examplesOf(create.getRequestBody()));
            answers(put, null, record);
            conflict(put, docs.conflict());
            secured(put, create.getSecurity());

            Operation patch = operation(openAPI, c + "/{id}", PathItem.HttpMethod.PATCH);
            describe(patch, "Change some fields of " + a, docs.descriptions().get(Route.PATCH));
            MediaType patchBody = patch.getRequestBody().getContent().getMediaType(MERGE_PATCH);
            patchBody.setSchema(schema(put.getRequestBody().getContent()));
            docs.patchExamples().forEach(example -> patchBody.addExample(example.name(), example(example.value())));
            answers(patch, null, record);
            conflict(patch, docs.conflict());
            secured(patch, create.getSecurity());

            Operation archive = operation(openAPI, c + "/{id}", PathItem.HttpMethod.DELETE);
            describe(archive, "Archive " + a, docs.descriptions().getOrDefault(Route.ARCHIVE, "Public records are never "
                    + "deleted: the " + noun + " is archived and stays readable; only an admin can restore it (POST "
                    + "{id}/restore). Editors of the owning jurisdiction only. Needs If-Match."));
            answers(archive, null, record);
            secured(archive, create.getSecurity());

            Operation restore = operation(openAPI, c + "/{id}/restore", PathItem.HttpMethod.POST);
            describe(restore, "Restore an archived " + noun, "Admins only: brings the archived " + noun + " back to status "
                    + "active (event civic." + noun + ".restored, in its history). Restoring an active one changes nothing. "
                    + "Needs If-Match.");
            answers(restore, null, record);
            secured(restore, adminsOnly(create.getSecurity()));
        }
    }

    /**
     * The download of a whole collection: its formats, the CSV columns (read off the record's schema,
     * as {@code commons.snapshot.CsvColumns} makes them), where it joins the stream and its licence.
     */
    private static void snapshot(OpenAPI openAPI, String collection, String noun, Schema record) {
        String plural = collection.substring(collection.lastIndexOf('/') + 1);
        Operation download = operation(openAPI, collection + "/snapshot", PathItem.HttpMethod.GET);
        describe(download, "Download every " + noun, "Every " + noun + " (archived ones too), the latest version of each"
                + " as this API and the change stream show it, from one consistent snapshot of the database: NDJSON (one"
                + " record a line) or CSV (one row a record; text in several languages has a column for ko and one for en,"
                + " lists and objects are JSON in one column). Streamed, newest record first; gzipped when the request"
                + " sends Accept-Encoding: gzip.\n\nThe download ends exactly where the change stream is: every change in"
                + " it has a stream offset below Civic-Stream-Position, every later change one at or above it. Load the"
                + " file, then follow the Kafka topic from those offsets, or the SSE stream with Civic-Last-Event-ID as"
                + " Last-Event-ID: nothing is missed and nothing comes twice (apply an event whose version is the"
                + " record's next). While the stream is behind (changes waiting to be published) the answer is 503 with"
                + " Retry-After. The data is under " + DataLicence.NAME + " (Link rel=license). docs/open-data.md has"
                + " the whole recipe.");
        format(download, "ndjson or csv; overrides Accept (a link in a browser cannot set it). Default: ndjson.");
        APIResponse ok = download.getResponses().getAPIResponse("200");
        ok.setDescription("Every " + noun + "; the headers say where in the change stream the download ends. NDJSON:"
                + " one " + noun + " a line, each as GET " + collection + "/{id} answers it (all languages, schema "
                + schemaName(record) + "); none for an empty collection.");
        ok.setContent(OASFactory.createContent()
                // no schema: an empty collection is an empty body, which a validator reads as a missing one
                .addMediaType(Snapshots.NDJSON, OASFactory.createMediaType().example("{\"id\":\"0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b\",...,\"version\":3}\n"))
                .addMediaType(Snapshots.CSV, OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.STRING)).description("RFC 4180, UTF-8, a header row first."))
                        .example(String.join(",", csvColumns(openAPI, record)) + "\n")));
        joinsTheStream(download, ok, plural, collection + "/snapshot");
    }

    /**
     * The download of everything a service holds, or through the gateway the whole register
     * ({@code /api/v1/snapshot}), when the document has it: the headers and the 503 of the collections'
     * downloads.
     */
    static void serviceSnapshot(OpenAPI openAPI) {
        String path = "/api/v1/snapshot";
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        Operation download = item == null ? null : item.getGET();
        if (download == null) {
            return;
        }
        APIResponse ok = download.getResponses().getAPIResponse("200");
        ok.setContent(OASFactory.createContent()
                .addMediaType(Snapshots.NDJSON, OASFactory.createMediaType()
                        .example("{\"collection\":\"people\",\"record\":{\"id\":\"0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b\",...,\"version\":3}}\n"))
                .addMediaType(Snapshots.ZIP, OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.STRING)).format("binary")
                        .description("A ZIP of one CSV file per collection (people.csv, ...), RFC 4180, UTF-8, a header row first."))));
        format(download, "ndjson or csv (a ZIP of one CSV file per collection); overrides Accept. Default: ndjson.");
        joinsTheStream(download, ok, "register", path);
    }

    private static void format(Operation download, String description) {
        if (download.getParameters() != null) {
            download.getParameters().stream().filter(p -> "format".equals(p.getName())).forEach(p -> p.description(description)
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(List.of("ndjson", "csv"))));
        }
    }

    private static void joinsTheStream(Operation download, APIResponse ok, String file, String instance) {
        ok.addHeader(Snapshots.POSITION, header("Where in the Kafka topic the download ends: topic/partition=the next"
                + " offset, for every partition. A consumer seeks each partition to its offset.",
                "civic.officials.v1/0=1043,civic.officials.v1/1=998,civic.officials.v1/2=1012", null));
        ok.addHeader(Snapshots.LAST_EVENT_ID, header("The same position as an SSE id: send it as Last-Event-ID (or"
                + " ?lastEventId=) to /api/v1/stream with this service's topic, and the stream starts where the download ends.",
                "Y2l2aWMub2ZmaWNpYWxzLnYxLzA9MTA0Mw", null));
        ok.addHeader(Snapshots.TAKEN, header("When the database snapshot was taken.", "2026-12-02T14:20:05.123Z", "date-time"));
        ok.addHeader(Snapshots.PARKED, OASFactory.createHeader().description("Changes of this service the relay holds"
                + " back (the broker refused them; docs/reliability.md): they are in the download, and reach the stream"
                + " only once an operator requeues them. Usually 0.")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(java.math.BigDecimal.ZERO)));
        ok.addHeader("Content-Disposition", header("A file name: what was downloaded and the snapshot's time.",
                "attachment; filename=\"" + file + "-20261202T142005Z.ndjson\"", null));
        ok.addHeader("Link", header("The data's licence (RFC 8288, rel license).", DataLicence.LINK, null));
        ok.addHeader("Cache-Control", header("no-store: every download is a new snapshot.", "no-store", null));
        APIResponse unavailable = OASFactory.createAPIResponse().description("The change stream is behind, Kafka cannot"
                + " be reached, or the service serves as many downloads as it may at once; retry after Retry-After seconds.")
                .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                        .example(unavailableExample(instance))))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying.")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
        download.getResponses().addAPIResponse("503", unavailable);
    }

    private static Map<String, Object> unavailableExample(String instance) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ProblemType.UNAVAILABLE.uri().toString());
        example.put("title", ProblemType.UNAVAILABLE.title());
        example.put("status", ProblemType.UNAVAILABLE.status());
        example.put("detail", "The change stream is behind (changes are waiting to be published), so a download cannot"
                + " say where in the stream it ends; retry in a moment.");
        example.put("instance", instance);
        return example;
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description, String example,
            String format) {
        Schema schema = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        if (format != null) {
            schema.setFormat(format);
        }
        return OASFactory.createHeader().description(description).schema(schema).example(example);
    }

    private static String schemaName(Schema record) {
        return record.getRef() == null ? "" : record.getRef().substring(record.getRef().lastIndexOf('/') + 1);
    }

    /** The CSV header row: a column a property, two for text in several languages. */
    private static List<String> csvColumns(OpenAPI openAPI, Schema record) {
        Schema resolved = record.getRef() == null ? record
                : openAPI.getComponents().getSchemas().get(schemaName(record));
        List<String> columns = new java.util.ArrayList<>();
        resolved.getProperties().forEach((name, property) -> {
            if (property.getRef() != null && property.getRef().endsWith("/LocalizedText")) {
                LocalizedText.PRIMARY.forEach(language -> columns.add(name + "." + language));
            } else {
                columns.add(name);
            }
        });
        return columns;
    }

    private static Operation operation(OpenAPI openAPI, String path, PathItem.HttpMethod method) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        Operation operation = item == null ? null : item.getOperations().get(method);
        if (operation == null) {
            throw new IllegalStateException("RecordDocs name " + method + " " + path + ", which the document lacks: "
                    + "does its resource extend RecordResource and create its records with a POST answering 201?");
        }
        return operation;
    }

    private static void describe(Operation operation, String summary, String description) {
        operation.setSummary(summary);
        if (description != null) {
            operation.setDescription(description);
        }
    }

    private static void answers(Operation operation, String description, Schema record) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (description != null) {
            ok.setDescription(description);
        }
        ok.setContent(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(record)));
    }

    /**
     * The read as JSON-LD ({@code commons.linkeddata.LinkedData}): the same record with {@code @context},
     * {@code @id} and {@code @type}, its links to other records as their URLs.
     */
    private static void linkedData(Operation get, String collection, String noun, Schema record) {
        String plural = collection.substring(collection.lastIndexOf('/') + 1);
        String type = LinkedData.typeOf(plural);
        String id = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b";
        Schema url = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri");
        Schema linked = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The " + noun + " (" + schemaName(record) + ") as JSON-LD, with Accept: " + LinkedData.MEDIA_TYPE
                        + ": the same fields, typed " + type + " by the register's context (GET /" + LinkedData.CONTEXT_PATH
                        + "), its links to other records (…Id fields) as their URLs. docs/open-data.md says what each term is.")
                .required(List.of("@context", "@id", "@type")).additionalPropertiesBoolean(true)
                .addProperty("@context", url)
                .addProperty("@id", url)
                .addProperty("@type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(List.of(type)));
        String example = "{\"@context\": \"https://registry.example/" + LinkedData.CONTEXT_PATH + "\", \"@id\": \"https://registry.example"
                + collection + "/" + id + "\", \"@type\": \"" + type + "\", \"id\": \"" + id + "\", \"version\": 3}";
        get.getResponses().getAPIResponse("200").getContent().addMediaType(LinkedData.MEDIA_TYPE,
                OASFactory.createMediaType().schema(linked).example(example(example).getValue()));
    }

    private static void conflict(Operation operation, RecordDocs.Conflict conflict) {
        if (conflict != null) {
            operation.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description(conflict.description())
                    .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                            .addExample(conflict.example().name(), example(conflict.example().value())))));
        }
    }

    /**
     * Quarkus documents the {@code @RolesAllowed} of a method only under the class that declares it, so
     * the routes a resource inherits would show no security: they get the create's (editor or admin;
     * restore: admin), in the same schemes, and the 401 and 403 Quarkus adds with a requirement (worded
     * as it words them, like every other secured operation's).
     */
    private static void secured(Operation operation, List<SecurityRequirement> security) {
        if ((operation.getSecurity() == null || operation.getSecurity().isEmpty()) && security != null) {
            operation.setSecurity(security);
            if (operation.getResponses().getAPIResponse("401") == null) {
                operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
            }
            if (operation.getResponses().getAPIResponse("403") == null) {
                operation.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed"));
            }
        }
    }

    private static List<SecurityRequirement> adminsOnly(List<SecurityRequirement> security) {
        return security == null ? null : security.stream().map(requirement -> {
            SecurityRequirement admins = OASFactory.createSecurityRequirement();
            requirement.getSchemes().keySet().forEach(scheme -> admins.addScheme(scheme, List.of(Roles.ADMIN)));
            return admins;
        }).toList();
    }

    private static Schema schema(Content content) {
        return content.getMediaType(JSON) != null ? content.getMediaType(JSON).getSchema()
                : content.getMediaTypes().values().iterator().next().getSchema();
    }

    private static Map<String, Example> examplesOf(RequestBody body) {
        Map<String, Example> examples = body.getContent().getMediaType(JSON).getExamples();
        return examples == null ? null : new LinkedHashMap<>(examples);
    }

    private static Example example(String json) {
        try {
            return OASFactory.createExample().value(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + json, e);
        }
    }
}
