package org.civicregistry.gateway.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's documents: OpenAPI (merged) and AsyncAPI (the topics), as JSON or YAML. */
@Path("/")
@Tag(name = "Documents", description = "The API and event documents of the whole platform.")
public class DocsResource {

    private static final String YAML = "application/yaml";

    private final PlatformDocument platform;
    private final AsyncApiDocument asyncApi;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper(new YAMLFactory());

    public DocsResource(PlatformDocument platform, AsyncApiDocument asyncApi, ObjectMapper json) {
        this.platform = platform;
        this.asyncApi = asyncApi;
        this.json = json;
    }

    @GET
    @Path("openapi")
    @Produces({ "application/json", YAML })
    @Operation(operationId = "getOpenApiDocument",
            summary = "The OpenAPI document of the whole platform", description = "JSON by default; YAML with format=yaml "
            + "or Accept: application/yaml. Swagger UI shows it at /docs.")
    public Response openapi(@Parameter(description = "json or yaml") @QueryParam("format") String format,
            @jakarta.ws.rs.core.Context HttpHeaders headers, @jakarta.ws.rs.core.Context HttpServerRequest request) {
        return render(platform.document(request.localAddress().port()), format, headers);
    }

    @GET
    @Path("asyncapi")
    @Produces({ "application/json", YAML })
    @Operation(operationId = "getAsyncApiDocument",
            summary = "The AsyncAPI document of the change streams", description = "The three topics, every event "
            + "type, the CloudEvents headers and the payloads. JSON by default; YAML with format=yaml.")
    public Response asyncapi(@Parameter(description = "json or yaml") @QueryParam("format") String format,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        return render(asyncApi.document(), format, headers);
    }

    /** An Accept header that does not parse is read as no preference (JSON), not as a server failure. */
    private static boolean acceptsYaml(HttpHeaders headers) {
        try {
            return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.toString().startsWith(YAML));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private Response render(JsonNode document, String format, HttpHeaders headers) {
        boolean asYaml = "yaml".equalsIgnoreCase(format) || (format == null && acceptsYaml(headers));
        try {
            return asYaml ? Response.ok(yaml.writeValueAsString(document), YAML).build()
                    : Response.ok(json.writeValueAsString(document), "application/json").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
