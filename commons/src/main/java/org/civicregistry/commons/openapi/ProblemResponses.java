package org.civicregistry.commons.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.commons.problem.ProblemType;

/**
 * Documents the error responses every operation can give, as problem+json with an example, so the
 * resources need not repeat them: 400 wherever there is input, 401/403 on secured operations,
 * 404 on a record path, 406 for an Accept no documented media type meets, 412/428 on conditional
 * writes (412 also on record reads sent If-Match), 413/415/422 on bodies, and 500.
 * Run by {@link ApiConventions}, the filter each service registers with {@code mp.openapi.filter},
 * after the conventions it relies on.
 *
 * <p>It also states what is true of every service, so the documents match the wire (the tests
 * validate every exchange against them):
 * <ul>
 * <li>401 answers carry {@code WWW-Authenticate: Bearer};
 * <li>a cursor-paged read links its next page in {@code Link};
 * <li>a record read answers 304 with the same ETag (and Content-Language) as its 200, and a
 * single-language view carries {@code Content-Language};
 * <li>fields not required may be null: views write absent values as {@code null}, and bodies
 * take {@code null} for absent;
 * <li>PATCH takes a JSON merge patch ({@code application/merge-patch+json}, or plain JSON) of the
 * input's fields, none of them required, where {@code null} removes a field.
 * </ul>
 */
public class ProblemResponses implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchema("Problem", problemSchema());
        }
        if (components.getSchemas() != null && components.getSchemas().containsKey("JsonNode")) {
            // Jackson's tree type, as the scanner sees its Java getters (array, nodeType, ...): on the wire
            // it is a JSON object (a record's snapshot in its history).
            components.addSchema("JsonNode", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .description("A JSON object."));
            components.removeSchema("JsonNodeType");
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(ProblemResponses::nullableWhenOptional);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith("/q/")) {
                return;
            }
            document(path, method, operation);
            pagedReads(operation);
            conditionalReads(operation);
            if (method == PathItem.HttpMethod.PATCH) {
                mergePatch(operation, components);
            }
        }));
    }

    /** Properties not required may be null: the 3.1 way, a type list with null, or anyOf [$ref, null]. */
    private static void nullableWhenOptional(Schema schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((name, property) -> required.contains(name) ? property : nullable(property));
        schema.setProperties(properties);
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            Schema referenced = OASFactory.createSchema().ref(property.getRef());
            return OASFactory.createSchema().description(property.getDescription())
                    .anyOf(List.of(referenced, OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL))));
        }
        if (property.getType() != null && !property.getType().isEmpty() && !property.getType().contains(Schema.SchemaType.NULL)) {
            List<Schema.SchemaType> types = new java.util.ArrayList<>(property.getType());
            types.add(Schema.SchemaType.NULL);
            property.setType(types);
        }
        nullableWhenOptional(property);
        return property;
    }

    /** A cursor-paged read (it takes {@code cursor}) links its next page in a {@code Link} header. */
    private static void pagedReads(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        boolean paged = operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()));
        if (paged && ok != null && (ok.getHeaders() == null || !ok.getHeaders().containsKey("Link"))) {
            ok.addHeader("Link", OASFactory.createHeader().description("The next page, when there is one: <...>; rel=\"next\".")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
    }

    /** A record read: 304 repeats the 200's ETag; a single-language view (lang) names its language. */
    private static void conditionalReads(Operation operation) {
        APIResponses responses = operation.getResponses();
        APIResponse ok = responses.getAPIResponse("200");
        APIResponse notModified = responses.getAPIResponse("304");
        if (ok == null || ok.getHeaders() == null || !ok.getHeaders().containsKey("ETag")) {
            return;
        }
        boolean languages = operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "lang".equals(p.getName()));
        if (languages) {
            ok.addHeader("Content-Language", OASFactory.createHeader()
                    .description("The language of a single-language view (lang or Accept-Language).")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
        if (notModified != null) {
            ok.getHeaders().forEach(notModified::addHeader);
        }
    }

    /**
     * A PATCH body is a JSON merge patch of the input: the same fields, none required, null removing
     * one. Documented as its own schema ({@code <Input>Patch}), under both media types the resources take.
     */
    private static void mergePatch(Operation operation, Components components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        MediaType patch = content.getMediaType("application/merge-patch+json");
        if (patch == null || patch.getSchema() == null || patch.getSchema().getRef() == null) {
            return;
        }
        String input = patch.getSchema().getRef().substring(patch.getSchema().getRef().lastIndexOf('/') + 1);
        Schema inputSchema = components.getSchemas() == null ? null : components.getSchemas().get(input);
        if (inputSchema == null || inputSchema.getProperties() == null) {
            return;
        }
        String name = input.endsWith("Input") ? input.substring(0, input.length() - "Input".length()) + "Patch" : input + "Patch";
        if (!components.getSchemas().containsKey(name)) {
            Map<String, Schema> properties = new LinkedHashMap<>();
            inputSchema.getProperties().forEach((field, property) -> properties.put(field, nullable(property)));
            components.addSchema(name, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .description("A JSON merge patch (RFC 7396) of " + input + ": any of its fields; null removes a field, "
                            + "objects are merged, arrays replaced.")
                    .properties(properties));
        }
        patch.setSchema(OASFactory.createSchema().ref("#/components/schemas/" + name));
        if (content.getMediaType("application/json") == null) {
            content.addMediaType("application/json", OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + name))
                    .examples(patch.getExamples()));
        }
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (hasBody || hasParameters || path.contains("{")) {
            add(responses, ProblemType.VALIDATION, "The request has 1 invalid field.");
        }
        if (secured) {
            add(responses, ProblemType.UNAUTHORIZED, "This operation needs a valid bearer token (JWT).");
            responses.getAPIResponse("401").addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("Bearer: send a valid access token from the platform's sign-in (RS256) in Authorization.")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
            // A membership links the governor into Gwangju; the person is still Gyeonggi's: the example says what ownership is.
            add(responses, ProblemType.FORBIDDEN, "Your token grants the jurisdictions [gwangju], but person kim-dong-yeon is owned by "
                    + "[gyeonggi].", "Not allowed: the record is owned by a jurisdiction your token does not grant (links such as "
                    + "memberships, participants or added parties give no right to what they link), or only an admin may do this.");
        }
        if (path.contains("{")) {
            add(responses, ProblemType.NOT_FOUND, "No record with id 0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b.");
        }
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        if (conditional || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE) {
            add(responses, ProblemType.PRECONDITION_FAILED,
                    "The record has changed since you read it: its current ETag is \"3\". Read it again and re-apply your change.");
            add(responses, ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you read (current version: \"3\").");
        }
        if (hasBody) {
            add(responses, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than 262144 bytes.");
            add(responses, ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json (or application/merge-patch+json for PATCH).");
            add(responses, ProblemType.UNKNOWN_REFERENCE,
                    "The field 'organizationId' references a record that does not exist: 0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b.",
                    "The body is valid but cannot be applied: it references a record that does not exist (unknown-reference), "
                            + "breaks a rule of the record (unprocessable), or would make the record larger than one record "
                            + "may be, " + RecordLimits.MAX_DATA_BYTES + " bytes of JSON as published on the change stream "
                            + "(record-too-large; nothing is changed).");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            add(responses, ProblemType.CONFLICT, "A record with the same unique value already exists: its slug, or one of its "
                    + "identifiers (an identifier names one active record of a collection).");
        }
        if (method != PathItem.HttpMethod.HEAD && method != PathItem.HttpMethod.OPTIONS) {
            add(responses, ProblemType.NOT_ACCEPTABLE, "This resource answers only with the documented media types.");
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (method == PathItem.HttpMethod.GET && ok != null && ok.getHeaders() != null && ok.getHeaders().containsKey("ETag")) {
            // If-Match holds for reads too (RFC 9110 13.1.1): a client asking for the version it has gets 412 once it changed
            add(responses, ProblemType.PRECONDITION_FAILED, "The record has changed: its current ETag is \"3\".");
        }
        add(responses, ProblemType.INTERNAL, "The request failed on the server; it has been logged.");
    }

    private void add(APIResponses responses, ProblemType type, String detail) {
        add(responses, type, detail, type.title());
    }

    private void add(APIResponses responses, ProblemType type, String detail, String defaultDescription) {
        String code = String.valueOf(type.status());
        APIResponse existing = responses.getAPIResponse(code);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaType("application/problem+json") != null) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri().toString());
        example.put("title", type.title());
        example.put("status", type.status());
        example.put("detail", detail);
        example.put("instance", "/api/v1/...");
        if (type == ProblemType.VALIDATION) {
            example.put("violations", List.of(Map.of("field", "name", "message", "at least one language (ko or en) is required")));
        }
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)).example(example);
        Content content = OASFactory.createContent().addMediaType("application/problem+json", media);
        String description = existing != null && existing.getDescription() != null ? existing.getDescription() : defaultDescription;
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(content));
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The field (JSON path in the body) or parameter name."))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What is wrong with it."));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail, returned with every error response.")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")
                        .description("A URI that identifies the kind of problem."))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Short summary of the kind of problem."))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("The HTTP status code."))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What went wrong with this request."))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The path of the request that failed."))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(violation)
                        .description("For validation problems: the invalid fields."))
                .addProperty("allowed", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .description("For invalid state transitions: the states the record may move to."))
                .required(List.of("type", "title", "status"));
    }
}
