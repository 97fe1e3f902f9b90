package org.civicregistry.testsupport;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Every request a test sends through rest-assured, and every response it gets, is checked against
 * the OpenAPI document the service under test publishes, with Atlassian's swagger-request-validator
 * ({@link OpenApiValidationFilter}). An undocumented status, header, field or media type fails the
 * test with the validator's report.
 *
 * <p>Installed for every test of a module by {@link Extension} (on the module's test meta-annotation:
 * {@code @ExtendWith(Contract.Extension.class)}). The document is fetched once per running app, from
 * {@code /q/openapi?format=json} (the gateway: its platform document {@code /openapi}).
 *
 * <p>Tests whose point is to send requests that break the contract (bad input, missing If-Match,
 * an unknown path) still have their responses checked: mark the class {@link ResponsesOnly}, or one
 * request with {@code given().filter(Contract.responsesOnly())}.
 */
public final class Contract {

    /**
     * Response headers that belong to HTTP itself rather than to an operation, so documents do not
     * repeat them: framing, connection management, the date, content negotiation (Vary) and CORS
     * (governed by the service's CORS settings, checked by its own tests).
     */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
            "connection", "keep-alive", "date", "vary", "content-encoding");

    private static final ContractFilter FILTER = new ContractFilter();
    private static final Filter RESPONSES_ONLY = (request, response, context) -> context.next(request, response);

    private Contract() {
    }

    /** The filter that validates every exchange; installed globally by {@link Extension}. */
    public static Filter filter() {
        return FILTER;
    }

    /**
     * A marker for one request that breaks the contract on purpose: its response is still validated
     * against the operation it was sent to, the request is not.
     */
    public static Filter responsesOnly() {
        return RESPONSES_ONLY;
    }

    /**
     * For clients other than rest-assured (a bad-input generator with its own HTTP client): checks one
     * answer against the document of the app at {@code base} (e.g. {@code http://localhost:8081}),
     * fetched from {@code documentPath} once. Returns what breaks the document, empty when the answer
     * keeps it, or when no operation matches {@code method path} (an unknown path or method sent on purpose).
     */
    public static List<String> checkResponse(String base, String documentPath, String method, String path, int status,
            Map<String, List<String>> headers, String body) {
        return checkResponse(base, documentPath, path2 -> false, method, path, status, headers, body);
    }

    /** As above, with paths (after normalization) that the document does not describe here. */
    public static List<String> checkResponse(String base, String documentPath, Predicate<String> exempt, String method, String path,
            int status, Map<String, List<String>> headers, String body) {
        Document document = FILTER.documents.computeIfAbsent(base + documentPath, Document::load);
        Request.Method m;
        try {
            m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return List.of(); // a method no document can have (FOO), sent on purpose
        }
        // the server removes dot segments before routing (RFC 3986 5.2.4), /api/v1/people/. is the collection, and
        // ignores path parameters, /api/v1/events/calendar.ics;jsessionid=0 is the calendar
        // (%2E is "." : RFC 3986 2.3, unreserved characters are equivalent encoded or not)
        path = URI.create(path.replaceAll(";[^/]*", "").replaceAll("(?i)%2e", ".")).normalize().getRawPath();
        if (exempt.test(path)) {
            return List.of();
        }
        ApiOperationMatch match = document.operations().findApiOperation(path, m);
        if (!matches(match)) {
            return List.of();
        }
        com.atlassian.oai.validator.model.SimpleResponse.Builder response = new com.atlassian.oai.validator.model.SimpleResponse.Builder(status);
        // The validator reads a header's value as JSON: the string "null" (an X-Request-Id a client chose, echoed) would be
        // taken for a missing value. Such a value is left out of the value check; its name is still checked below.
        headers.forEach((name, values) -> response.withHeader(name, values.stream().filter(v -> !"null".equals(v)).toList()));
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        List<String> problems = new ArrayList<>();
        ValidationReport report = document.validator().validateResponse(path, m, response.build());
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(message.getMessage()));
        ContractFilter.undocumentedHeaders(match.getApiOperation().getOperation(), status, headers.keySet())
                .ifPresent(names -> problems.add("headers the document does not declare: " + names));
        return problems;
    }

    /**
     * Whether a request reached an operation of the document. The validator matches the fixed parts
     * of a path ignoring case, but HTTP paths are case-sensitive: {@code /API/V1/PEOPLE} is no
     * operation (the service answers 404), so it is held to none.
     */
    private static boolean matches(ApiOperationMatch match) {
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            return false;
        }
        var template = match.getApiOperation().getApiPath();
        var request = match.getApiOperation().getRequestPath();
        for (int i = 0; i < template.numberOfParts(); i++) {
            if (!template.hasParams(i) && !template.part(i).equals(request.part(i))) {
                return false;
            }
        }
        return true;
    }

    /** The requests of this test class break the contract on purpose; their responses are still validated. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Inherited
    public @interface ResponsesOnly {
    }

    /**
     * Installs the contract filter for each test and says which paths it covers. Subclass it (with
     * a public no-argument constructor) to change the document path or exempt paths that another
     * document describes (the gateway's proxied routes).
     */
    public static class Extension implements BeforeEachCallback, AfterEachCallback {

        private final String documentPath;
        private final Predicate<String> exempt;

        public Extension() {
            this("/q/openapi?format=json", path -> false);
        }

        /**
         * @param documentPath where the app under test serves its OpenAPI document (JSON)
         * @param exempt paths not described by that document, besides {@code /q/*} (health, metrics,
         *        the document itself), which no document here describes
         */
        protected Extension(String documentPath, Predicate<String> exempt) {
            this.documentPath = documentPath;
            this.exempt = exempt;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            boolean responsesOnly = false;
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
                responsesOnly |= c.isAnnotationPresent(ResponsesOnly.class);
            }
            FILTER.configure(documentPath, path -> path.startsWith("/q/") || exempt.test(path), responsesOnly);
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER);
            }
        }

        @Override
        public void afterEach(ExtensionContext context) {
            List<Filter> others = new ArrayList<>(RestAssured.filters());
            others.remove(FILTER);
            RestAssured.replaceFiltersWith(others);
        }
    }

    /** One document, parsed once, with its validator. */
    private record Document(OpenAPI api, OpenApiInteractionValidator validator, OpenApiValidationFilter filter,
            ApiOperationResolver operations) {

        static Document load(String url) {
            String json;
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + response.statusCode());
                }
                json = response.body();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the OpenAPI document at " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            json = asOpenApi30(json);
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                    .withLevelResolver(LevelResolver.create()
                            // Secured operations are sent requests without a token on purpose, to see their
                            // (documented) 401; the validator would refuse those requests before looking at the
                            // response. It only checks that an Authorization header is present, nothing more.
                            .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                            // To catch undocumented fields the validator adds additionalProperties: false to every
                            // object schema that does not say otherwise. That is what we want of answers; request
                            // bodies, though, ignore fields they do not know (StrictJson: a client may send back the
                            // record it read, id and version included), which is what the documents say by saying
                            // nothing (JSON Schema's default). Stating it (additionalProperties: true) is no way out:
                            // with it, swagger-request-validator 2.44 mis-resolves $ref'd properties (a PartialDate
                            // becomes an object). So the injected rule is not applied to requests. A validator
                            // limitation; answers keep it.
                            .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            // The same parse the validator made, for the checks it does not do (undocumented headers).
            OpenAPI api = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(json, null, resolveOptions()).getOpenAPI();
            return new Document(api, validator, new OpenApiValidationFilter(validator), new ApiOperationResolver(api, null, false));
        }

        private static io.swagger.v3.parser.core.models.ParseOptions resolveOptions() {
            io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
            options.setResolve(true);
            return options;
        }
    }

    /**
     * The document in the OpenAPI 3.0 form swagger-request-validator reads. The services publish
     * OpenAPI 3.1; the validator (2.44) checks schemas with a JSON Schema draft-04 engine and, given
     * 3.1, loses every {@code type} (swagger-parser keeps 3.1 types in a separate field it does not
     * read), so a number where a string belongs would pass. This is a validator limitation, not a
     * document error, so the same constraints are restated in 3.0 terms: {@code type: [X, "null"]}
     * becomes {@code type: X, nullable: true}, a schema's {@code examples} list its {@code example}.
     * {@code anyOf: [{$ref}, {type: "null"}]} and {@code $ref} siblings are left as they are (the
     * draft-04 engine reads the first, 3.0 ignores the second as 3.1's {@code $ref} only adds
     * annotations there). Nothing is loosened, but for one case: a JSON-LD answer ({@code
     * application/ld+json}) is the record with more, so its schema says {@code additionalProperties:
     * true}, which this validator mis-reads (each property then has to be an object); it is checked
     * here for its required keywords only, and the tests that read JSON-LD check the rest.
     */
    public static String asOpenApi30(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
            root.put("openapi", "3.0.3");
            downgrade(root);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON OpenAPI document", e);
        }
    }

    private static void downgrade(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            com.fasterxml.jackson.databind.JsonNode type = object.get("type");
            if (type != null && type.isArray()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> types.add(t.asText()));
                if (types.size() > 1 && types.remove("null")) {
                    object.put("nullable", true);
                }
                if (types.size() == 1) {
                    object.put("type", types.get(0));
                } else {
                    throw new IllegalStateException("a schema with several types, which OpenAPI 3.0 cannot say: " + object);
                }
            }
            com.fasterxml.jackson.databind.JsonNode examples = object.get("examples");
            if (examples != null && examples.isArray()) {
                object.remove("examples");
                if (!examples.isEmpty() && !object.has("example")) {
                    object.set("example", examples.get(0));
                }
            }
            if (object.get("application/ld+json") instanceof com.fasterxml.jackson.databind.node.ObjectNode linked
                    && linked.get("schema") instanceof com.fasterxml.jackson.databind.node.ObjectNode schema
                    && schema.path("additionalProperties").asBoolean(false)) {
                schema.remove("properties");
            }
            object.elements().forEachRemaining(Contract::downgrade);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(Contract::downgrade);
        }
    }

    static final class ContractFilter implements Filter {

        private final Map<String, Document> documents = new ConcurrentHashMap<>();
        private volatile String documentPath;
        private volatile Predicate<String> exempt = path -> true;
        private volatile boolean responsesOnly;

        void configure(String documentPath, Predicate<String> exempt, boolean responsesOnly) {
            this.documentPath = documentPath;
            this.exempt = exempt;
            this.responsesOnly = responsesOnly;
        }

        @Override
        public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec, FilterContext ctx) {
            URI uri = URI.create(requestSpec.getURI());
            Request.Method method = Request.Method.valueOf(requestSpec.getMethod().toUpperCase(Locale.ROOT));
            String path = uri.getRawPath();
            if (exempt.test(path) || method == Request.Method.OPTIONS) {
                // CORS preflights are answered by the HTTP layer for every path, not by an operation.
                return ctx.next(requestSpec, responseSpec);
            }
            String base = uri.getScheme() + "://" + uri.getAuthority();
            Document document = documents.computeIfAbsent(base + documentPath, Document::load);
            boolean checkRequest = !responsesOnly && !requestSpec.getDefinedFilters().contains(RESPONSES_ONLY);
            ApiOperationMatch match = document.operations().findApiOperation(path, method);
            Response response;
            if (checkRequest) {
                try {
                    response = document.filter().filter(requestSpec, responseSpec, ctx);
                } catch (OpenApiValidationFilter.OpenApiValidationException e) {
                    throw new AssertionError("Contract: " + method + " " + path + " breaks the OpenAPI document\n" + e.getMessage(), e);
                }
            } else {
                response = ctx.next(requestSpec, responseSpec);
                if (!matches(match)) {
                    // An unknown path or method, sent on purpose: no operation to hold the answer to.
                    return response;
                }
                Request request = RestAssuredRequest.of(requestSpec);
                ValidationReport report = document.validator().validateResponse(request.getPath(), method, RestAssuredResponse.of(response));
                if (report.hasErrors()) {
                    throw new AssertionError("Contract: the answer to " + method + " " + path + " breaks the OpenAPI document\n"
                            + SimpleValidationReportFormat.getInstance().apply(report));
                }
            }
            if (matches(match)) {
                List<String> names = new ArrayList<>();
                response.headers().forEach(header -> names.add(header.getName()));
                undocumentedHeaders(match.getApiOperation().getOperation(), response.statusCode(), names).ifPresent(extra -> {
                    throw new AssertionError("Contract: the answer " + response.statusCode() + " to " + method + " " + path
                            + " has headers its OpenAPI document does not declare: " + extra);
                });
            }
            return response;
        }

        /** Headers of the answer that neither HTTP itself nor the operation's response for that status declares. */
        private static java.util.Optional<Set<String>> undocumentedHeaders(Operation operation, int status, Iterable<String> names) {
            ApiResponse documented = operation.getResponses() == null ? null
                    : operation.getResponses().getOrDefault(String.valueOf(status), operation.getResponses().getDefault());
            if (documented == null) {
                return java.util.Optional.empty(); // the validator has reported the undocumented status
            }
            Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            if (documented.getHeaders() != null) {
                declared.addAll(documented.getHeaders().keySet());
            }
            Set<String> extra = new TreeSet<>();
            for (String header : names) {
                String name = header.toLowerCase(Locale.ROOT);
                // ":status" is the status line, as java.net.http reports it among the headers (an HTTP/2 pseudo-header)
                if (!TRANSPORT_HEADERS.contains(name) && !name.startsWith("access-control-") && !name.startsWith(":")
                        && !declared.contains(name)) {
                    extra.add(header);
                }
            }
            return extra.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(extra);
        }
    }
}
