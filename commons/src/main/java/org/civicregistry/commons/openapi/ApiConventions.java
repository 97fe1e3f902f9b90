package org.civicregistry.commons.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.paging.Count;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the conventions every resource follows, so the resources declare only what is their own
 * (summaries, filters, bodies and examples) and the documents cannot drift apart. Registered by each
 * service and the gateway with {@code mp.openapi.filter}; it then runs {@link ProblemResponses}, which
 * relies on what this adds (the ETag of a record read makes it conditional).
 * <ul>
 * <li>the {@code id} path parameter is a UUID, described by what it names ({@code /people/{id}}:
 * "Person id.");
 * <li>{@code If-Match} is required, with the ETag you read;
 * <li>{@code limit} is an integer page size, 1 to 200 (50 by default), {@code cursor} the nextCursor of
 * the previous page, {@code count} the optional total ({@link Count}), {@code lang} the single-language view;
 * <li>a response that returns a record (a schema with a {@code version}) carries its ETag, and a read of
 * one answers 304 to If-None-Match;
 * <li>a 201 says where the new record is in {@code Location};
 * <li>{@code GET .../{id}/history} answers a {@link HistoryPage};
 * <li>what every record and every page answers with ({@link AlwaysPresent}) is required, so never null;
 * <li>every operation has an {@code operationId} ({@link OperationIds}), every pattern is ECMA-262
 * ({@link EcmaPatterns}), and reads are declared anonymous.
 * </ul>
 * A resource that documents one of these itself (a description of its own, say the ETag of an item)
 * keeps it: only what is missing is added. A service whose resources inherit the record routes of
 * {@code commons.write.RecordResource} registers a subclass that passes their {@link RecordDocs}, which
 * {@link RecordOperations} writes first.
 */
public class ApiConventions implements OASFilter {

    private static final String ETAG = "The record's version, for If-Match and If-None-Match.";
    private static final String IF_MATCH = "The ETag of the version you read, e.g. \"3\". Missing: 428; stale: 412.";
    // a new record's ETag, so "Try it out" works on a record just created
    private static final String IF_MATCH_EXAMPLE = "\"1\"";
    private static final String LIMIT = "Page size, 1 to 200.";
    private static final String CURSOR = "The nextCursor of the previous page.";
    private static final String LANG = "Return a single-language view (ko or en); without it, every language in full. "
            + "Accept-Language works too.";
    private static final String NOT_MODIFIED = "Not modified since the ETag in If-None-Match.";
    private static final String HISTORY_PAGE = "#/components/schemas/HistoryPage";

    private final List<RecordDocs> collections;

    /** The conventions alone, for a document without inherited record routes (the gateway's). */
    public ApiConventions() {
        this(List.of());
    }

    protected ApiConventions(List<RecordDocs> collections) {
        this.collections = List.copyOf(collections);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        RecordOperations.document(openAPI, collections);
        OperationIds.derive(openAPI, collections.stream().map(RecordDocs::collection).collect(Collectors.toSet()));
        EcmaPatterns.rewrite(openAPI);
        documentDefaults(openAPI);
        Map<String, Schema> schemas = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                if (!path.startsWith("/q/")) {
                    parameters(path, operation);
                    responses(path, method, operation, schemas);
                }
            }));
        }
        AlwaysPresent.require(openAPI);
        new ProblemResponses().filterOpenAPI(openAPI);
    }

    /**
     * Reads need no credentials: the document says so once ({@code security: [{}]}), and an operation
     * with a {@code @RolesAllowed} has its own bearer requirement. Linters and generators then see
     * every operation's security declared. The document is served where the API is, so its server
     * is {@code /} unless configured.
     */
    private static void documentDefaults(OpenAPI openAPI) {
        if (openAPI.getSecurity() == null || openAPI.getSecurity().isEmpty()) {
            openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement());
        }
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/").description("Where this document is served"));
        }
    }

    private static void parameters(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            switch ((parameter.getIn() == null ? "" : parameter.getIn().name()) + " " + parameter.getName()) {
                case "PATH id" -> {
                    if (parameter.getDescription() == null) {
                        parameter.setDescription(capitalized(singular(segmentBefore(path, "{id}"))) + " id.");
                        parameter.setSchema(string().format("uuid"));
                    }
                }
                case "HEADER If-Match" -> {
                    describe(parameter, IF_MATCH);
                    parameter.setRequired(true);
                    if (parameter.getExample() == null) {
                        parameter.setExample(IF_MATCH_EXAMPLE);
                    }
                }
                case "QUERY limit" -> {
                    describe(parameter, LIMIT);
                    // bound by PageRequest on every cursor-paged read
                    parameter.setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                            .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(200)).defaultValue(50));
                }
                case "QUERY cursor" -> describe(parameter, CURSOR);
                case "QUERY count" -> {
                    describe(parameter, Count.DESCRIPTION);
                    parameter.setSchema(string().enumeration(List.<Object>copyOf(Enums.wires(Count.class))).defaultValue("none"));
                }
                case "QUERY lang" -> {
                    describe(parameter, LANG);
                    if (parameter.getExample() == null) {
                        parameter.setExample("en");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void describe(Parameter parameter, String description) {
        if (parameter.getDescription() == null) {
            parameter.setDescription(description);
        }
    }

    private static void responses(String path, PathItem.HttpMethod method, Operation operation, Map<String, Schema> schemas) {
        if (operation.getResponses() == null) {
            return;
        }
        for (String code : List.of("200", "201")) {
            APIResponse response = operation.getResponses().getAPIResponse(code);
            if (response != null && returnsRecord(response, schemas) && !hasHeader(response, "ETag")) {
                response.addHeader("ETag", header(ETAG));
            }
        }
        APIResponse page = operation.getResponses().getAPIResponse("200");
        if (method == PathItem.HttpMethod.GET && path.endsWith("/{id}/history") && page != null && !declaresSchema(page)) {
            // RecordEndpoints.history answers a Response, so the scanner cannot see the page it holds (it writes {})
            page.description("A page of versions.").content(OASFactory.createContent().addMediaType("application/json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(HISTORY_PAGE))));
        }
        APIResponse created = operation.getResponses().getAPIResponse("201");
        if (created != null && !hasHeader(created, "Location")) {
            String collection = path.substring(path.lastIndexOf('/') + 1);
            created.addHeader("Location", header("Address of the new " + singular(collection) + "."));
        }
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (method == PathItem.HttpMethod.GET && ok != null && hasHeader(ok, "ETag")
                && operation.getResponses().getAPIResponse("304") == null) {
            operation.getResponses().addAPIResponse("304", OASFactory.createAPIResponse().description(NOT_MODIFIED));
        }
    }

    /** A record has a version, which its ETag is. */
    private static boolean returnsRecord(APIResponse response, Map<String, Schema> schemas) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return false;
        }
        for (MediaType media : response.getContent().getMediaTypes().values()) {
            String ref = media.getSchema() == null ? null : media.getSchema().getRef();
            Schema schema = ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (schema != null && schema.getProperties() != null && schema.getProperties().containsKey("version")) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresSchema(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes() != null
                && response.getContent().getMediaTypes().values().stream()
                        .anyMatch(media -> media.getSchema() != null && (media.getSchema().getRef() != null || media.getSchema().getType() != null));
    }

    private static boolean hasHeader(APIResponse response, String name) {
        return response.getHeaders() != null && response.getHeaders().containsKey(name);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(string());
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }

    /** {@code /api/v1/people/{id}/history}, {@code {id}}: {@code people}. */
    private static String segmentBefore(String path, String parameter) {
        String before = path.substring(0, path.indexOf("/" + parameter));
        return before.substring(before.lastIndexOf('/') + 1);
    }

    /** The collections' names: people, and regular plurals (organizations, items, api-keys). */
    static String singular(String collection) {
        String name = collection.replace('-', ' ');
        if (name.equals("people")) {
            return "person";
        }
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "y";
        }
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
