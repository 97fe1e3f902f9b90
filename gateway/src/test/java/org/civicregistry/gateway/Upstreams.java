package org.civicregistry.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.civicregistry.embedded.FreePorts;
import org.civicregistry.embedded.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP servers behind the gateway: "officials" answers (echoing what it received, with ETag,
 * Link and a Location on its own address; {@link #LARGE} is 16 MiB), "agreements" accepts connections and never answers,
 * "events" refuses connections. Also creates the three topics, as the services would.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    static final String OPENAPI = """
            {"openapi": "3.1.0", "info": {"title": "officials", "version": "1"},
             "paths": {"/api/v1/people": {"get": {"operationId": "listPeople", "summary": "List people", "responses": {"200": {
                 "description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}}}}}},
             "components": {"schemas": {"Person": {"type": "object"}}}}""";

    /** On "officials": an answer of 16 MiB, for clients that read it slowly. */
    static final String LARGE = "/api/v1/people/large-export";
    /** A download: 30 lines, one every 100 ms, so it streams past the 2 s deadline of other requests. */
    static final String DOWNLOAD = "/api/v1/people/snapshot";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int answering = FreePorts.next();
        int hanging = FreePorts.next();
        int refusing = FreePorts.next();
        listen(vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(OPENAPI);
                return;
            }
            if (path.equals("/q/health/ready")) {
                request.response().end("{\"status\":\"UP\"}");
                return;
            }
            if (path.equals(LARGE)) {
                request.response().putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(new byte[16 * 1024 * 1024]));
                return;
            }
            if (path.equals(DOWNLOAD)) {
                request.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson");
                AtomicInteger lines = new AtomicInteger();
                vertx.setPeriodic(100, timer -> {
                    if (lines.incrementAndGet() > 30) {
                        vertx.cancelTimer(timer);
                        request.response().end();
                    } else {
                        request.response().write("{\"line\":" + lines.get() + "}\n");
                    }
                });
                return;
            }
            if ("\"7\"".equals(request.getHeader("If-None-Match"))) {
                request.response().setStatusCode(304).putHeader("ETag", "\"7\"").end();
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                JsonObject echo = new JsonObject().put("method", request.method().name()).put("path", path)
                        .put("query", request.query()).put("headers", headers).put("bodyLength", body.length());
                var response = request.response().putHeader("Content-Type", "application/json").putHeader("ETag", "\"7\"")
                        .putHeader("Link", "</api/v1/people?cursor=abc>; rel=\"next\"");
                if (request.method().name().equals("POST")) {
                    response.setStatusCode(201).putHeader("Location", "http://localhost:" + answering + "/api/v1/people/abc");
                }
                response.end(echo.encode());
            });
        }), answering);
        listen(vertx.createHttpServer().requestHandler(request -> {
            // never answers
        }), hanging);
        createTopics();
        return Map.of(
                "civic.gateway.upstreams.officials.url", "http://localhost:" + answering,
                "civic.gateway.upstreams.agreements.url", "http://localhost:" + hanging,
                "civic.gateway.upstreams.events.url", "http://localhost:" + refusing);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void listen(HttpServer server, int port) {
        try {
            server.listen(port).toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three topics, as the services create them at start. */
    static void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            for (String topic : List.of("civic.officials.v1", "civic.agreements.v1", "civic.events.v1")) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
