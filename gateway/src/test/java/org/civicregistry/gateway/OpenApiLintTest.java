package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.civicregistry.testsupport.CivicTestResources;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI documents as an integrator's tools read them: Redocly's recommended rules give no
 * error and no warning, and every pattern compiles in ECMA-262 ({@code docs/lint/check.mjs}). Checked
 * are each service's document and the gateway's (their goldens), the platform document of the
 * gateway's tests, and the platform document merged from the real services' documents, which this
 * test's upstreams serve. The AsyncAPI document the gateway serves passes the AsyncAPI parser
 * ({@code docs/lint/asyncapi.mjs}). Without node or {@code docs/lint}'s packages the test is skipped on a
 * developer's machine and fails in CI ({@code CI=true}; {@code .ci/run} installs them).
 */
@QuarkusTest
@WithTestResource(value = CivicTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OpenApiLintTest.ServiceDocuments.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiLintTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("officials", "agreements", "events");

    @Test
    void everyDocumentPassesTheLinter() throws IOException {
        Path node = onPath("node");
        requirePresent(Files.isDirectory(ROOT.resolve("docs/lint/node_modules")), "docs/lint has its packages (npm ci there, as .ci/run does)");
        String platform = Client.anyone().queryParam("format", "json").get("/openapi").then().statusCode(200).extract().asString();
        assertThat(platform).as("the platform document has every service's part")
                .contains("\"listPeople\"", "\"listAgreements\"", "\"listEvents\"", "\"listWebhooks\"");
        Path served = Files.writeString(Path.of("target/openapi-platform.json"), platform);

        List<String> command = new ArrayList<>(List.of(node.toString(), "docs/lint/check.mjs", served.toAbsolutePath().toString()));
        SERVICES.forEach(service -> command.add(service + "-service/src/test/resources/openapi-golden.json"));
        command.add("gateway/src/test/resources/openapi-golden.json");
        command.add("gateway/src/test/resources/openapi-merged-golden.json");
        assertPasses(command);
    }

    @Test
    void theAsyncApiDocumentPassesTheAsyncApiParser() throws IOException {
        Path node = onPath("node");
        requirePresent(Files.isDirectory(ROOT.resolve("docs/lint/node_modules/@asyncapi/parser")),
                "docs/lint has its packages (npm ci there, as .ci/run does)");
        String asyncapi = Client.anyone().get("/asyncapi").then().statusCode(200).extract().asString();
        Path served = Files.writeString(Path.of("target/asyncapi-served.json"), asyncapi);
        assertPasses(List.of(node.toString(), "docs/lint/asyncapi.mjs", served.toAbsolutePath().toString()));
    }

    private static void assertPasses(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within 180 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Path onPath(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        requirePresent(found.isPresent(), name + " is not on PATH (Debian's nodejs)");
        return found.orElseThrow();
    }

    /** Skips the test unless {@code present}, or fails it in CI, so the check never passes by not running. */
    private static void requirePresent(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what);
        }
        assumeTrue(present, what);
    }

    /** Stands in for the three services, serving only their committed documents at {@code /q/openapi}. */
    public static class ServiceDocuments implements QuarkusTestResourceLifecycleManager {

        private final List<HttpServer> servers = new ArrayList<>();

        @Override
        public Map<String, String> start() {
            Upstreams.createTopics();
            Map<String, String> config = new HashMap<>();
            for (String service : SERVICES) {
                byte[] document = read(ROOT.resolve(service + "-service/src/test/resources/openapi-golden.json"));
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                    server.createContext("/q/openapi", exchange -> {
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, document.length);
                        exchange.getResponseBody().write(document);
                        exchange.close();
                    });
                    server.start();
                    servers.add(server);
                    config.put("civic.gateway.upstreams." + service + ".url", "http://localhost:" + server.getAddress().getPort());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return config;
        }

        @Override
        public void stop() {
            servers.forEach(server -> server.stop(0));
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
