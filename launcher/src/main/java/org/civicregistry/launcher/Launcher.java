package org.civicregistry.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicregistry.embedded.Database;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.embedded.Keycloak;
import org.civicregistry.embedded.Topology;
import org.civicregistry.embedded.Tracing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@code ./civic up}: starts PostgreSQL (embedded, data under {@code CIVIC_HOME}; or the server of
 * {@code CIVIC_PG_URL}), a Kafka broker (embedded KRaft, data under {@code CIVIC_HOME}; or
 * {@code CIVIC_KAFKA_BOOTSTRAP}), creates the service databases, starts each packaged service as its
 * own process, waits until each is ready and prints where to go. Ctrl-C (or {@code ./civic down})
 * stops everything; a second start reuses the data.
 */
public final class Launcher {

    private static final Topology TOPOLOGY = Topology.platform();
    private static final String KEYCLOAK_DATABASE = "keycloak";

    private final Path root;
    private final Path home;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private KafkaBroker kafka;
    private SignIn signIn;

    private Launcher(Path root) {
        this.root = root;
        this.home = Path.of(env("CIVIC_HOME", root.resolve(".civic").toString())).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Launcher launcher = new Launcher(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "civic-shutdown"));
        try {
            launcher.up();
        } catch (LaunchException | IllegalStateException | java.io.IOException e) {
            // The shutdown hook stops whatever was started. IllegalStateException: a component
            // (Keycloak, PostgreSQL, the broker) that did not come up says why in its message.
            System.err.println("\ncivic: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void up() throws Exception {
        Files.createDirectories(home.resolve("logs"));
        int pgPort = port("CIVIC_PG_PORT", 5433);
        int kafkaPort = port("CIVIC_KAFKA_PORT", 9092);
        for (Topology.Service service : TOPOLOGY.services()) {
            requireFree(port(service), service.portVariable());
        }

        String pgUrl = System.getenv("CIVIC_PG_URL");
        String pgUser = env("CIVIC_PG_USER", "postgres");
        String pgPassword = env("CIVIC_PG_PASSWORD", "postgres");
        if (pgUrl == null || pgUrl.isBlank()) {
            requireFree(pgPort, "CIVIC_PG_PORT");
            step("PostgreSQL (embedded, data in " + home.resolve("postgres") + ", port " + pgPort + ")");
            postgres = Database.persistentServer(home.resolve("postgres"), pgPort);
            pgUrl = postgres.getJdbcUrl("postgres", "postgres");
        } else {
            step("PostgreSQL at " + pgUrl);
        }
        for (Topology.Service service : TOPOLOGY.services()) {
            Database.ensureDatabase(pgUrl, pgUser, pgPassword, service.database());
        }
        done();
        // Keycloak starts beside Kafka and the services, and is waited for before the first token.
        signIn = startSignIn(pgUrl, pgUser, pgPassword);

        String bootstrap = System.getenv("CIVIC_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            requireFree(kafkaPort, "CIVIC_KAFKA_PORT");
            int controllerPort = port("CIVIC_KAFKA_CONTROLLER_PORT", kafkaPort + 1);
            requireFree(controllerPort, "CIVIC_KAFKA_CONTROLLER_PORT");
            step("Kafka (embedded KRaft, data in " + home.resolve("kafka") + ", port " + kafkaPort + ")");
            kafka = KafkaBroker.persistent(home.resolve("kafka"), kafkaPort, controllerPort);
            kafka.start();
            bootstrap = kafka.bootstrapServers();
        } else {
            step("Kafka at " + bootstrap);
        }
        done();

        Map<String, String> signInEnvironment = signIn.serviceEnvironment();
        Tracing.Export export = Tracing.Export.parse(System.getenv("CIVIC_TRACING"));
        Tracing tracing = export == null ? null : new Tracing(root.resolve("launcher/target/agent/opentelemetry-javaagent.jar"), export);
        for (Topology.Service service : TOPOLOGY.services()) {
            int port = port(service);
            step(service.module() + " on port " + port);
            Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new LaunchException(jar + " is missing: build first (./civic up builds what is missing).");
            }
            ProcessBuilder builder = new ProcessBuilder(serviceCommand(jar, tracing))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("logs/" + service.module() + ".log").toFile());
            Map<String, String> environment = builder.environment();
            // Two malloc arenas instead of one per core and thread family: less native memory held.
            environment.put("MALLOC_ARENA_MAX", "2");
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", Database.replaceDatabase(pgUrl, service.database()));
            environment.put("QUARKUS_DATASOURCE_USERNAME", pgUser);
            environment.put("QUARKUS_DATASOURCE_PASSWORD", pgPassword);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            environment.putAll(signInEnvironment);
            environment.putAll(TOPOLOGY.localUpstreams(Launcher::port));
            // Local use: let webhook receivers run on this machine.
            environment.put("CIVIC_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            // the register's daily dumps, served at /api/v1/dumps
            environment.put("CIVIC_GATEWAY_DUMPS_DIRECTORY", home.resolve("dumps").toString());
            environment.put("QUARKUS_HTTP_CORS_ORIGINS", env("CIVIC_CORS_ORIGINS", "http://localhost:8080,http://localhost:3000"));
            if (tracing != null) {
                tracing.environment(service.module()).forEach(environment::putIfAbsent);
            }
            processes.put(service.module(), builder.start());
            waitReady(service.module(), port);
            done();
        }

        if (signIn instanceof KeycloakSignIn keycloak) {
            step("Keycloak (sign-in)");
            keycloak.awaitReady();
            done();
        }
        String token = signIn.token("admin", null);
        int gateway = port(TOPOLOGY.service("gateway"));
        if (!"false".equalsIgnoreCase(env("CIVIC_DEMO", "true"))) {
            step("demo data (docs/demo-data.md), through the gateway");
            int created = new DemoData(URI.create("http://localhost:" + gateway), token).load();
            System.out.println(" " + (created == 0 ? "already there" : created + " records created"));
        }
        System.out.println("""

                Civic Registry is running.
                  Swagger UI      http://localhost:%1$d/docs
                  OpenAPI         http://localhost:%1$d/openapi   (AsyncAPI: /asyncapi)
                  People          http://localhost:%1$d/api/v1/people
                  Live changes    http://localhost:%1$d/api/v1/stream
                  Programmes      http://localhost:%1$d/api/v1/programmes?owner=%7$s
                  A calendar      http://localhost:%1$d/api/v1/events/calendar.ics?participant=%8$s&from=%9$s
                  Widgets demo    http://localhost:%1$d/demo/
                  Everything      http://localhost:%1$d/api/v1/snapshot   (dumps: /api/v1/dumps)
                  Kafka topics    %6$s on %2$s
                  Logs            %3$s
                %4$s  A token for writes (admin; or --role editor --jurisdiction gwangju, --client):
                    export CIVIC_TOKEN=$(./civic token)
                    curl -H "Authorization: Bearer $CIVIC_TOKEN" -H 'Content-Type: application/json' \\
                      -d '{"slug":"busan","name":{"ko":"부산광역시","en":"Busan"},"classification":"metropolitan_city"}' \\
                      http://localhost:%1$d/api/v1/organizations
                Ctrl-C or ./civic down stops everything; the data stays in %5$s.
                """.formatted(gateway, bootstrap, home.resolve("logs"), signIn.describe(), home, String.join(", ", TOPOLOGY.topics()),
                        DemoLinks.PROGRAMME_OWNER, DemoLinks.CALENDAR_PARTICIPANT,
                        URLEncoder.encode(DemoLinks.CALENDAR_FROM, StandardCharsets.UTF_8)));
    }

    /**
     * Keycloak with its data in PostgreSQL (database {@code keycloak}), unless {@code CIVIC_SIGN_IN=local-key}
     * or no JDK 21+ is found for it: then the local key pair. Either way {@code ./civic token} finds
     * it through {@code CIVIC_HOME/sign-in}.
     */
    private SignIn startSignIn(String pgUrl, String pgUser, String pgPassword) throws Exception {
        String mode = env("CIVIC_SIGN_IN", KeycloakSignIn.MODE);
        if (!mode.equals(KeycloakSignIn.MODE) && !mode.equals(LocalKeySignIn.MODE)) {
            throw new LaunchException("CIVIC_SIGN_IN must be keycloak or local-key, not '" + mode + "'");
        }
        Path java = Keycloak.findJava(System.getenv("CIVIC_KEYCLOAK_JAVA_HOME"));
        SignIn chosen;
        if (mode.equals(LocalKeySignIn.MODE) || java == null) {
            if (!mode.equals(LocalKeySignIn.MODE)) {
                System.out.println("  (Keycloak needs a JDK 21 or later and none was found: set CIVIC_KEYCLOAK_JAVA_HOME to use it."
                        + " Signing tokens with a local key pair instead.)");
            }
            chosen = LocalKeySignIn.of(home);
            mode = LocalKeySignIn.MODE;
        } else {
            int port = port("CIVIC_KEYCLOAK_PORT", 8180);
            requireFree(port, "CIVIC_KEYCLOAK_PORT");
            Database.ensureDatabase(pgUrl, pgUser, pgPassword, KEYCLOAK_DATABASE);
            int gateway = port(TOPOLOGY.service("gateway"));
            chosen = KeycloakSignIn.of(Keycloak.start(Keycloak.distribution(root.resolve("launcher/target")), java,
                    KeycloakSignIn.stateDir(home), port, Database.replaceDatabase(pgUrl, KEYCLOAK_DATABASE), pgUser, pgPassword,
                    List.of("http://localhost:" + gateway, "http://127.0.0.1:" + gateway), home.resolve("logs/keycloak.log")));
        }
        Files.writeString(home.resolve(SignIn.MODE_FILE), mode);
        return chosen;
    }

    private void waitReady(String name, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(name);
            if (!process.isAlive()) {
                throw new LaunchException(name + " exited with code " + process.exitValue() + "; see "
                        + home.resolve("logs/" + name + ".log"));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            System.out.print(".");
            Thread.sleep(500);
        }
        throw new LaunchException(name + " was not ready within 90 s; see " + home.resolve("logs/" + name + ".log"));
    }

    private void stop() {
        processes.forEach((name, process) -> process.destroy());
        if (signIn != null) {
            signIn.close();
        }
        processes.values().forEach(p -> {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new LaunchException("port " + port + " is already in use. Stop what uses it, or choose another port with "
                    + variable + "=...");
        }
    }

    /** The service's port: its CIVIC_<NAME>_PORT, or the topology's default. */
    private static int port(Topology.Service service) {
        return port(service.portVariable(), service.port());
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new LaunchException(variable + " must be a port number, not '" + value + "'");
        }
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The JVM of one service, sized for a laptop running the whole platform (docs/benchmarks.md has
     * the measurements behind each setting): the serial collector and a 160 MB heap (a service's
     * live data stays under 60 MB), 512 KB thread stacks, unused native memory handed back every
     * 5 s. An AppCDS archive built with the service ({@code -Dquarkus.package.jar.appcds.enabled},
     * what {@code ./civic up} builds with) saves about half a second of the start; it is only valid for
     * the jar named exactly as when it was made, so the service runs from its own directory.
     */
    static List<String> serviceCommand(Path jar, Tracing tracing) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx160m", "-Xss512k",
                // TrimNativeHeapInterval came with 17.0.9; an older 17 ignores it instead of refusing to start.
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000"));
        if (tracing != null) {
            command.addAll(tracing.jvmOptions());
        }
        Path archive = jar.resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive.getFileName());
        }
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void step(String what) {
        System.out.print("  starting " + what + " ");
    }

    private static void done() {
        System.out.println(" ready");
    }

    private static final class LaunchException extends RuntimeException {
        LaunchException(String message) {
            super(message, null, false, false);
        }
    }
}
