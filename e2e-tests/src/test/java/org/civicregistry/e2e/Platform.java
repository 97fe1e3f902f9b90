package org.civicregistry.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicregistry.embedded.Database;
import org.civicregistry.embedded.FreePorts;
import org.civicregistry.embedded.Keycloak;
import org.civicregistry.embedded.Topology;
import org.civicregistry.embedded.Tracing;

/**
 * The whole platform for the end-to-end suite: a Kafka broker in its own process, a fresh database per
 * service, and the four packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as
 * their own processes, configured only by environment variables as an operator would; writers sign
 * in with Keycloak (its own process and database), whose keys and issuer are all the services trust.
 */
final class Platform {

    private static final Topology TOPOLOGY = Topology.platform();
    /** Every service with the OpenTelemetry agent, its spans in its log (TracingTest reads them there). */
    private static final Tracing TRACING = new Tracing(Path.of("target/agent/opentelemetry-javaagent.jar").toAbsolutePath(),
            Tracing.Export.LOG);

    private static Platform running;

    private final Path root = Path.of("..").toAbsolutePath().normalize();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    /** A partner key's requests per minute on this platform's gateways. */
    static final int PARTNER_PER_MINUTE = 30;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Path logs;
    private final BrokerProcess kafka;
    private Keycloak keycloak;
    private String adminToken;
    private long adminTokenRenewal;

    private Platform() throws IOException {
        logs = Files.createDirectories(root.resolve("e2e-tests/target/platform-logs"));
        kafka = new BrokerProcess(logs);
    }

    static synchronized Platform get() {
        if (running == null) {
            try {
                Platform platform = new Platform();
                Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
                platform.start();
                running = platform;
            } catch (Exception e) {
                throw new IllegalStateException("The platform did not start: " + e.getMessage(), e);
            }
        }
        return running;
    }

    URI gateway() {
        return URI.create("http://localhost:" + ports.get("gateway"));
    }

    /**
     * The lines the service wrote so far, its own and its replica's, standard output and error one
     * after the other.
     */
    String log(String module) throws IOException {
        StringBuilder log = new StringBuilder();
        for (String file : List.of(module + ".log", module + ".stderr.log", module + "-2.log", module + "-2.stderr.log")) {
            Path path = logs.resolve(file);
            if (Files.exists(path)) {
                // lenient: a killed process may have cut its last character in half
                String text = new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.UTF_8);
                // whole lines only: a running process may be half-way through writing its last one
                log.append(text, 0, text.lastIndexOf('\n') + 1);
            }
        }
        return log.toString();
    }

    BrokerProcess kafka() {
        return kafka;
    }

    /** The platform's sign-in: tokens of the realm's demo accounts and of the integration client. */
    Keycloak keycloak() {
        return keycloak;
    }

    /** An admin's token from Keycloak, fetched again when less than five of its fifteen minutes are left. */
    synchronized String adminToken() {
        if (adminToken == null || System.nanoTime() > adminTokenRenewal) {
            adminToken = token(Keycloak.account("admin", null));
            adminTokenRenewal = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        }
        return adminToken;
    }

    /** A fresh token of one of the realm's demo accounts. */
    String token(Keycloak.Account account) {
        try {
            return keycloak.token(account);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start() throws Exception {
        Path java = Keycloak.findJava(System.getenv("CIVIC_KEYCLOAK_JAVA_HOME"));
        if (java == null) {
            throw new IllegalStateException("The end-to-end suite signs in with Keycloak, which needs a JDK 21 or later:"
                    + " none was found (set CIVIC_KEYCLOAK_JAVA_HOME)");
        }
        // Keycloak first: it takes longest, and the services need it only for the first token.
        Database keycloakDatabase = Database.create("e2e_keycloak");
        keycloak = Keycloak.start(Keycloak.distribution(root.resolve("e2e-tests/target")), java, logs.resolve("keycloak"),
                FreePorts.next(), keycloakDatabase.jdbcUrl(), keycloakDatabase.username(), keycloakDatabase.password(),
                List.of("http://localhost:0"), logs.resolve("keycloak.log"));
        kafka.start();
        for (Topology.Service service : TOPOLOGY.services()) {
            ports.put(service.module(), FreePorts.next());
        }
        List<Thread> waits = new ArrayList<>();
        for (Topology.Service service : TOPOLOGY.services()) {
            Database database = Database.create("e2e_" + service.database());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service.module())));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", database.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keycloak.jwksUri());
            env.put("MP_JWT_VERIFY_ISSUER", keycloak.issuer());
            env.put("CIVIC_OUTBOX_RELAY_MAX_LAG", "3s");
            env.put("CIVIC_OUTBOX_RELAY_MAX_BACKOFF", "1s");
            env.putAll(TOPOLOGY.localUpstreams(upstream -> ports.get(upstream.module())));
            env.put("CIVIC_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            env.put("CIVIC_GATEWAY_DUMPS_DIRECTORY", logs.resolve("dumps").toString());
            env.put("CIVIC_GATEWAY_WEBHOOKS_INITIAL_BACKOFF", "200ms");
            env.put("CIVIC_GATEWAY_RATE_LIMIT_CAPACITY", "100000");
            env.put("CIVIC_GATEWAY_RATE_LIMIT_REFILL", "100000");
            // countable: PlatformTest spends a partner key's minute across two gateway processes
            env.put("CIVIC_GATEWAY_CLIENTS_PARTNER_PER_MINUTE", String.valueOf(PARTNER_PER_MINUTE));
            env.put("QUARKUS_HTTP_CORS_ORIGINS", "https://www.gwangju.go.kr,https://www.gg.go.kr,/http://127\\.0\\.0\\.1:[0-9]+/"); // + pages the widget tests serve on 127.0.0.1
            Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the end-to-end suite runs after the services are packaged (./mvnw verify)");
            }
            env.putAll(TRACING.environment(service.module()));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            command.addAll(TRACING.jvmOptions());
            // JSON logs, as an operator would collect them; a recorded change logged (with its ids) for TracingTest
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
            command.add("-Dquarkus.log.category.\"org.civicregistry.commons.outbox\".level=DEBUG");
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    // standard error apart: the agent writes its long span lines there, and two streams
                    // into one file would cut each other's lines
                    .redirectError(logs.resolve(service.module() + ".stderr.log").toFile())
                    .redirectOutput(logs.resolve(service.module() + ".log").toFile());
            builder.environment().putAll(env);
            builders.put(service.module(), builder);
            processes.put(service.module(), builder.start());
            Thread wait = new Thread(() -> awaitReady(service.module()));
            wait.start();
            waits.add(wait);
        }
        for (Thread wait : waits) {
            wait.join();
        }
        for (Topology.Service service : TOPOLOGY.services()) {
            if (!ready(service.module())) {
                throw new IllegalStateException(service.module() + " did not become ready; see " + logs.resolve(service.module() + ".log"));
            }
        }
        keycloak.awaitReady(Duration.ofSeconds(180));
    }

    /**
     * Starts another replica of a service, on a port of its own, with the same database, topic and
     * settings; it is known as {@code <module>#2} to {@link #kill}, {@link #ready} and {@link #port}.
     */
    synchronized String startReplica(String module) throws IOException {
        String replica = module + "#2";
        int port = FreePorts.next();
        ports.put(replica, port);
        ProcessBuilder builder = new ProcessBuilder(builders.get(module).command())
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(module + "-2.stderr.log").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(module + "-2.log").toFile()));
        builder.environment().putAll(builders.get(module).environment());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builders.put(replica, builder);
        processes.put(replica, builder.start());
        awaitReady(replica);
        if (!ready(replica)) {
            throw new IllegalStateException(replica + " did not become ready; see " + logs.resolve(module + "-2.log"));
        }
        return replica;
    }

    int port(String module) {
        return ports.get(module);
    }

    /** Kills a service's process at once (SIGKILL), as a crash would; its database and topic stay. */
    synchronized void kill(String module) throws InterruptedException {
        Process process = processes.get(module);
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts a killed service again, with the same port, database and settings, and waits until it is ready. */
    synchronized void restart(String module) throws IOException {
        if (processes.get(module).isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        ProcessBuilder builder = builders.get(module)
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(module + ".stderr.log").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(module + ".log").toFile()));
        processes.put(module, builder.start());
        awaitReady(module);
        if (!ready(module)) {
            throw new IllegalStateException(module + " did not become ready again; see " + logs.resolve(module + ".log"));
        }
    }

    private void awaitReady(String module) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !processes.get(module).isAlive() || ready(module));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by the caller, which checks readiness of every service
        }
    }

    boolean ready(String module) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ports.get(module) + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stop() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.close();
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
