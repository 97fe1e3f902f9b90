package org.civicregistry.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The OpenAPI document of the whole platform: the gateway's own operations (webhooks, the stream)
 * merged with each service's document, fetched at start and again every
 * {@code civic.gateway.docs.refresh}, so it follows the services as they change. A service that is
 * down keeps its last fetched part.
 */
@ApplicationScoped
public class PlatformDocument {

    private static final Logger LOG = Logger.getLogger(PlatformDocument.class);

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<ObjectNode> merged = new AtomicReference<>();
    private final Map<String, JsonNode> lastFetched = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;
    private final java.util.concurrent.ExecutorService fetchers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openapi-fetch");
        t.setDaemon(true);
        return t;
    });
    private volatile URI self;

    public PlatformDocument(GatewayConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void started(@Observes StartupEvent start) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openapi-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, config.docs().refresh().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        fetchers.shutdownNow();
    }

    /**
     * The merged document. The gateway's own part is read from its own port, learned from the
     * first request (the configured port may be 0, picked at random).
     */
    public ObjectNode document(int localPort) {
        ObjectNode document = merged.get();
        if (self == null || document == null || !lastFetched.containsKey("gateway")) {
            self = URI.create("http://localhost:" + localPort);
            refresh();
            document = merged.get();
        }
        return document;
    }

    /** Fetches every part again and merges them. */
    public synchronized void refresh() {
        Map<String, URI> parts = new java.util.LinkedHashMap<>();
        if (self != null) {
            parts.put("gateway", self);
        }
        config.upstreams().forEach((name, upstream) -> parts.put(name, upstream.url()));
        // In parallel: a slow service must not hold up the others' parts.
        parts.entrySet().stream()
                .map(part -> java.util.concurrent.CompletableFuture.runAsync(
                        () -> fetch(part.getKey(), part.getValue()).ifPresent(doc -> lastFetched.put(part.getKey(), doc)), fetchers))
                .toList()
                .forEach(java.util.concurrent.CompletableFuture::join);
        merged.set(merge());
    }

    private java.util.Optional<JsonNode> fetch(String name, URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("OpenAPI of %s answered %d", name, response.statusCode());
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(mapper.readTree(response.body()));
        } catch (IOException e) {
            LOG.debugf("OpenAPI of %s not reachable: %s", name, e.getMessage());
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private ObjectNode merge() {
        ObjectNode document = base();
        ObjectNode paths = (ObjectNode) document.get("paths");
        ObjectNode components = (ObjectNode) document.get("components");
        ArrayNode tags = (ArrayNode) document.get("tags");
        java.util.Set<String> tagNames = new java.util.HashSet<>();
        tags.forEach(t -> tagNames.add(t.path("name").asText()));
        for (String part : lastFetchedInOrder()) {
            JsonNode doc = withUniqueComponentNames(lastFetched.get(part), part, components);
            doc.path("paths").fields().forEachRemaining(path -> {
                if (!path.getKey().startsWith("/q/")) {
                    paths.putIfAbsent(path.getKey(), path.getValue());
                }
            });
            doc.path("components").fields().forEachRemaining(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                Iterator<Map.Entry<String, JsonNode>> entries = section.getValue().fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    target.putIfAbsent(entry.getKey(), entry.getValue());
                }
            });
            doc.path("tags").forEach(tag -> {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            });
        }
        edge(document);
        return document;
    }

    /**
     * The part with each component that another part already defines differently renamed to
     * {@code <Part><Name>} ({@code EventsTransition}), and every {@code $ref} of the part to it
     * rewritten. Two services may well name different schemas alike (each has its {@code Transition});
     * keeping only the first would describe one service's operations with the other's schema.
     */
    static JsonNode withUniqueComponentNames(JsonNode part, String partName, JsonNode merged) {
        Map<String, String> renamed = new java.util.HashMap<>();
        String prefix = Character.toUpperCase(partName.charAt(0)) + partName.substring(1);
        part.path("components").fields().forEachRemaining(section -> section.getValue().fieldNames().forEachRemaining(name -> {
            JsonNode existing = merged.path(section.getKey()).get(name);
            if (existing != null && !existing.equals(section.getValue().get(name))) {
                renamed.put("#/components/" + section.getKey() + "/" + name, prefix + name);
            }
        }));
        if (renamed.isEmpty()) {
            return part;
        }
        JsonNode copy = part.deepCopy();
        rewriteReferences(copy, renamed);
        renameSchemesInRequirements(copy, renamed);
        ObjectNode components = (ObjectNode) copy.get("components");
        renamed.forEach((ref, name) -> {
            String[] at = ref.split("/");
            ObjectNode section = (ObjectNode) components.get(at[2]);
            section.set(name, section.remove(at[3]));
        });
        return copy;
    }

    /** Security requirements name their schemes by key, not by {@code $ref}: renamed there too. */
    private static void renameSchemesInRequirements(JsonNode part, Map<String, String> renamed) {
        java.util.List<JsonNode> requirements = new java.util.ArrayList<>();
        part.path("security").forEach(requirements::add);
        part.path("paths").forEach(item -> item.forEach(operation -> operation.path("security").forEach(requirements::add)));
        for (JsonNode requirement : requirements) {
            if (requirement.isObject()) {
                java.util.List<String> schemes = new java.util.ArrayList<>();
                requirement.fieldNames().forEachRemaining(schemes::add);
                for (String scheme : schemes) {
                    String name = renamed.get("#/components/securitySchemes/" + scheme);
                    if (name != null) {
                        ((ObjectNode) requirement).set(name, ((ObjectNode) requirement).remove(scheme));
                    }
                }
            }
        }
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                String old = ref.asText();
                ((ObjectNode) node).put("$ref", old.substring(0, old.lastIndexOf('/') + 1) + renamed.get(old));
            }
            node.elements().forEachRemaining(child -> rewriteReferences(child, renamed));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteReferences(child, renamed));
        }
    }

    /**
     * What the gateway adds to every answer, whichever part of the platform gives it: its request id
     * and rate-limit headers on every response, 401 for an X-Api-Key it did not issue (or revoked),
     * 403 for a cross-origin request from an origin not allowed, 429 when a client is over its limit,
     * 503 when it cannot check a key, and, on the services' routes, 502/503/504 when a service cannot
     * answer (problem+json, as every error). An X-Api-Key is optional on every operation: the
     * document's default security is "none or apiKey", and an operation that needs a bearer token
     * takes it with or without a key.
     */
    private void edge(ObjectNode document) {
        ArrayNode anyone = document.putArray("security");
        anyone.addObject();
        anyone.addObject().putArray("apiKey");
        java.util.Set<String> proxied = new java.util.HashSet<>();
        config.upstreams().values().forEach(upstream -> proxied.addAll(upstream.paths()));
        ((ObjectNode) document.get("components")).with("schemas").putIfAbsent("Problem", mapper.createObjectNode().put("type", "object"));
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!operation.getValue().isObject() || !operation.getValue().has("responses")) {
                return;
            }
            ObjectNode responses = (ObjectNode) operation.getValue().get("responses");
            withOptionalApiKey(operation.getValue().path("security"));
            boolean upstream = proxied.stream().anyMatch(prefix -> path.getKey().equals(prefix) || path.getKey().startsWith(prefix + "/"));
            problem(responses, ProblemType.FORBIDDEN, "Forbidden: a request from a browser page on an origin that is not allowed.",
                    "Cross-origin requests from https://example.org are not allowed; the origins allowed are those of the municipal "
                            + "sites that embed the data.");
            problem(responses, ProblemType.UNAUTHORIZED, "Unauthorized: the X-Api-Key is not one the registry issued, or it was revoked.",
                    "The X-Api-Key is not a key this registry issued, or it was revoked. Send none to be limited by address.");
            problem(responses, ProblemType.TOO_MANY_REQUESTS, "Too many requests: this client is over a quota of its RateLimit-Policy.",
                    "Rate limit reached (\"minute\";q=600;w=60); retry in 1 s.");
            if (upstream) {
                problem(responses, ProblemType.BAD_GATEWAY, "The service behind this route cannot be reached.",
                        "The " + serviceOf(path.getKey()) + " service cannot be reached.");
                problem(responses, ProblemType.UNAVAILABLE, "The service behind this route is failing; the gateway stopped calling it "
                        + "for a while, or the gateway cannot check API keys right now.",
                        "The " + serviceOf(path.getKey()) + " service is failing; the gateway stopped calling it for a while.");
                problem(responses, ProblemType.GATEWAY_TIMEOUT, "The service behind this route did not answer in time.",
                        "The " + serviceOf(path.getKey()) + " service did not answer within " + config.timeout().toSeconds() + " s.");
            } else {
                problem(responses, ProblemType.UNAVAILABLE, "The gateway cannot check API keys right now.",
                        "The gateway cannot check API keys right now; retry in 5 s.");
            }
            responses.fields().forEachRemaining(response -> {
                ObjectNode headers = ((ObjectNode) response.getValue()).with("headers");
                header(headers, "X-Request-Id", "The request's id: the client's own X-Request-Id if it sent a sane one, else a new UUID.");
                header(headers, "RateLimit-Policy", "The quotas of this client (its X-Api-Key's tier, else its address), "
                        + "draft-ietf-httpapi-ratelimit-headers: \"minute\";q=1200;w=60, \"day\";q=1000000;w=86400 for a standard key, "
                        + "\"anonymous\";q=600;w=60 without one; q requests per w seconds, refilled smoothly.");
                header(headers, "RateLimit", "Per quota of RateLimit-Policy, the requests left (r) and the seconds until "
                        + "the allowance is full again (t): \"minute\";r=1199;t=1, \"day\";r=999999;t=1.");
            });
        }));
    }

    /** Each requirement of an operation's own security also met with an X-Api-Key beside it. */
    private void withOptionalApiKey(JsonNode security) {
        if (!security.isArray() || security.isEmpty()) {
            return;
        }
        java.util.List<ObjectNode> withKey = new java.util.ArrayList<>();
        security.forEach(requirement -> {
            if (requirement.isObject() && !requirement.has("apiKey")) {
                ObjectNode both = ((ObjectNode) requirement).deepCopy();
                both.putArray("apiKey");
                withKey.add(both);
            }
        });
        withKey.forEach(((ArrayNode) security)::add);
    }

    /** The service a proxied path leads to, as the gateway names it in its problems: /api/v1/people: officials. */
    private String serviceOf(String path) {
        return config.upstreams().entrySet().stream()
                .filter(upstream -> upstream.getValue().paths().stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")))
                .map(Map.Entry::getKey).findFirst().orElse("upstream");
    }

    /** A problem answer with an example of what the gateway sends; 429 and 503 with Retry-After. */
    private void problem(ObjectNode responses, ProblemType type, String description, String detail) {
        String status = String.valueOf(type.status());
        if (responses.has(status)) {
            return;
        }
        ObjectNode response = responses.putObject(status).put("description", description);
        ObjectNode media = response.putObject("content").putObject("application/problem+json");
        media.putObject("schema").put("$ref", "#/components/schemas/Problem");
        media.putObject("example").put("type", type.uri().toString()).put("title", type.title()).put("status", type.status())
                .put("detail", detail).put("instance", "/api/v1/...");
        if (type == ProblemType.TOO_MANY_REQUESTS || type == ProblemType.UNAVAILABLE) {
            header(response.with("headers"), "Retry-After", "Seconds to wait before trying again.");
        }
    }

    private void header(ObjectNode headers, String name, String description) {
        if (!headers.has(name)) {
            headers.putObject(name).put("description", description).putObject("schema").put("type", "string");
        }
    }

    private java.util.List<String> lastFetchedInOrder() {
        java.util.List<String> order = new java.util.ArrayList<>();
        if (lastFetched.containsKey("gateway")) {
            order.add("gateway");
        }
        config.upstreams().keySet().stream().sorted().filter(lastFetched::containsKey).forEach(order::add);
        return order;
    }

    private ObjectNode base() {
        try (InputStream in = getClass().getResourceAsStream("/openapi/platform-base.json")) {
            ObjectNode base = (ObjectNode) mapper.readTree(in);
            config.docs().publicUrl().ifPresent(url -> ((ArrayNode) base.withArray("servers")).removeAll()
                    .addObject().put("url", url));
            return base;
        } catch (IOException e) {
            throw new IllegalStateException("platform-base.json missing from the gateway jar", e);
        }
    }
}
