package org.civicregistry.commons.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.openapi.RecordDocs.Route;
import org.civicregistry.commons.security.Roles;
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
        for (RecordDocs docs : collections) {
            String c = docs.collection();
            String noun = ApiConventions.singular(c.substring(c.lastIndexOf('/') + 1));
            String a = (noun.matches("[aeiou].*") ? "an " : "a ") + noun;
            Operation create = operation(openAPI, c, PathItem.HttpMethod.POST);
            Schema record = schema(create.getResponses().getAPIResponse("201").getContent());

            Operation get = operation(openAPI, c + "/{id}", PathItem.HttpMethod.GET);
            describe(get, "Get " + a, docs.descriptions().get(Route.GET));
            answers(get, "The " + noun + ".", record);

            describe(operation(openAPI, c + "/{id}/history", PathItem.HttpMethod.GET), "History of " + a,
                    docs.descriptions().get(Route.HISTORY));

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
