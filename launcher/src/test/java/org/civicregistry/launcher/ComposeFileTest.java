package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.civicregistry.embedded.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No Docker engine runs here, so docker-compose.yml and the Kubernetes manifests cannot be started
 * in CI; this test checks instead that they, the ./civic script and the services' own configuration
 * agree with the topology the Java starters read ({@link Topology}, platform.properties): names,
 * ports, databases, topics, the variables they set, and the gateway's upstream addresses.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Topology TOPOLOGY = Topology.platform();
    /** Standard keys Quarkus / MicroProfile read without the service declaring them. */
    static final Set<String> STANDARD = Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "QUARKUS_HTTP_CORS_ORIGINS");

    static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    static List<String> modules() {
        return TOPOLOGY.modules();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachServiceConfiguresThePortDatabaseAndTopicOfTheTopology(String name) throws IOException {
        Topology.Service declared = TOPOLOGY.service(name);
        Properties config = properties(ROOT.resolve(name));
        assertThat(config.getProperty("quarkus.http.port")).as("port of " + name).isEqualTo(String.valueOf(declared.port()));
        assertThat(databaseOf(config.getProperty("quarkus.datasource.jdbc.url"))).as("database of " + name)
                .isEqualTo(declared.database());
        assertThat(config.getProperty("civic.outbox.topic")).as("topic of " + name).isEqualTo(declared.topic());
        // the topics it reads (read models) are other services' topics
        config.stringPropertyNames().stream().filter(key -> key.endsWith("-topic"))
                .forEach(key -> assertThat(TOPOLOGY.topics()).as(key + " of " + name).contains(config.getProperty(key)));
    }

    @Test
    void theGatewayRoutesToTheUpstreamsAndStreamsTheTopicsOfTheTopology() throws IOException {
        Properties gateway = properties(ROOT.resolve("gateway"));
        for (Topology.Service upstream : TOPOLOGY.upstreams()) {
            assertThat(gateway.getProperty("civic.gateway.upstreams." + upstream.upstream() + ".url")).as(upstream.module())
                    .isEqualTo("http://localhost:" + upstream.port());
        }
        assertThat(Files.readString(ROOT.resolve("gateway/src/main/java/org/civicregistry/gateway/GatewayConfig.java")))
                .as("the stream's default topics").contains("@WithDefault(\"" + String.join(",", TOPOLOGY.topics()) + "\")");
    }

    @Test
    void theCivicScriptBuildsAndReportsTheServicesOfTheTopology() throws IOException {
        String script = Files.readString(ROOT.resolve("civic"));
        assertThat(script).contains("for module in " + String.join(" ", TOPOLOGY.modules()) + "; do");
        for (Topology.Service service : TOPOLOGY.services()) {
            assertThat(script).as("./civic status and the usage of " + service.module())
                    .contains("\"" + service.module() + ":${" + service.portVariable() + ":-" + service.port() + "}\"")
                    .contains(service.portVariable() + " (" + service.port() + ")");
        }
    }

    @Test
    void composeRunsExactlyTheServicesOfTheTopologyAndCreatesTheirDatabases() throws IOException {
        List<String> services = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        services.removeAll(List.of("postgres", "kafka"));
        assertThat(services).containsExactlyInAnyOrderElementsOf(TOPOLOGY.modules());
        String init = Files.readString(ROOT.resolve("deploy/compose/init-databases.sql"));
        List<String> created = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^create database ([a-z_]+);").matcher(init);
        while (m.find()) {
            created.add(m.group(1));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(TOPOLOGY.services().stream().map(Topology.Service::database).toList());
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachServiceIsBuiltFromItsModuleWithItsOwnPortDatabaseAndSettings(String name) throws IOException {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isMissingNode()).as(name + " in docker-compose.yml").isFalse();
        Path module = ROOT.resolve(service.path("build").path("context").asText());
        assertThat(module.resolve(service.path("build").path("dockerfile").asText())).as("Dockerfile of " + name).exists();
        Properties config = properties(module);
        Map<String, String> env = environment(service);

        Topology.Service declared = TOPOLOGY.service(name);
        assertThat(env.get("QUARKUS_HTTP_PORT")).as("port of " + name).isEqualTo(String.valueOf(declared.port()));
        assertThat(databaseOf(env.get("QUARKUS_DATASOURCE_JDBC_URL"))).as("database of " + name).isEqualTo(declared.database());

        Set<String> known = new TreeSet<>(STANDARD);
        config.stringPropertyNames().forEach(key -> known.add(envName(key)));
        assertThat(env.keySet()).as("variables of " + name + " that the service reads").allMatch(known::contains);
        assertThat(service.path("depends_on").path("postgres").path("condition").asText()).isIn("service_healthy", "");
        assertThat(service.path("healthcheck").isMissingNode()).as("health check of " + name).isFalse();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void eachServiceGetsThePublicKeyOnlyNeverTheFolderWithThePrivateKey(String name) {
        JsonNode service = compose.path("services").path(name);
        // set in the shared block (x-service-env) that each service merges in
        String location = environment(service).getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                compose.path("x-service-env").path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
        assertThat(location).isEqualTo("/keys/public-key.pem");
        List<String> targets = new ArrayList<>();
        for (JsonNode config : service.path("configs")) {
            String file = compose.path("configs").path(config.path("source").asText()).path("file").asText();
            assertThat(file).as("what " + name + " is given").endsWith("/public-key.pem");
            targets.add(config.path("target").asText());
        }
        assertThat(targets).as("the key " + name + " verifies tokens with").containsExactly(location);
        for (JsonNode volume : service.path("volumes")) {
            assertThat(volume.asText()).as("volumes of " + name).doesNotContain("keys").doesNotContain("private");
        }
    }

    @Test
    void theGatewayCallsTheServicesByTheirComposeNamesAndPorts() throws IOException {
        Map<String, String> env = environment(compose.path("services").path("gateway"));
        Properties gateway = properties(ROOT.resolve("gateway"));
        List<String> upstreams = new ArrayList<>();
        for (String key : gateway.stringPropertyNames()) {
            Matcher m = Pattern.compile("civic\\.gateway\\.upstreams\\.([a-z]+)\\.url").matcher(key);
            if (m.matches()) {
                upstreams.add(m.group(1));
            }
        }
        assertThat(upstreams).containsExactlyInAnyOrderElementsOf(TOPOLOGY.upstreams().stream().map(Topology.Service::upstream).toList());
        for (Topology.Service upstream : TOPOLOGY.upstreams()) {
            URI url = URI.create(env.get(upstream.upstreamUrlVariable()));
            assertThat(url).as("the gateway's address of " + upstream.module())
                    .isEqualTo(URI.create("http://" + upstream.module() + ":" + upstream.port()));
            JsonNode target = compose.path("services").path(url.getHost());
            assertThat(target.isMissingNode()).as(url + " names a compose service").isFalse();
            assertThat(String.valueOf(url.getPort())).isEqualTo(environment(target).get("QUARKUS_HTTP_PORT"));
            assertThat(compose.path("services").path("gateway").path("depends_on").has(url.getHost())).isTrue();
        }
        int gatewayPort = TOPOLOGY.service("gateway").port();
        assertThat(compose.path("services").path("gateway").path("ports").get(0).asText()).isEqualTo(gatewayPort + ":" + gatewayPort);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theKubernetesManifestsUseThePortsDatabasesAndAddressesOfTheTopology(String name) throws IOException {
        String manifest = Files.readString(ROOT.resolve("deploy/k8s/" + name + ".yaml"));
        Topology.Service declared = TOPOLOGY.service(name);
        assertThat(manifest).contains("containerPort: " + declared.port())
                .contains("{name: QUARKUS_HTTP_PORT, value: \"" + declared.port() + "\"}")
                .contains("{name: http, port: " + declared.port() + ", targetPort: http}")
                .contains("jdbc:postgresql://$(PG_HOST):5432/" + declared.database() + "\n")
                .contains("path: /q/health/ready")
                .contains("startupProbe:").contains("path: /q/health/started")
                .doesNotContain("path: /q/health/group/stream");
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/kustomization.yaml"))).contains("- " + name + ".yaml")
                .contains("CIVIC_TOPICS_REPLICATION_FACTOR=3").contains("CIVIC_TOPICS_MIN_INSYNC_REPLICAS=2");
        if (name.equals("gateway")) {
            for (Topology.Service upstream : TOPOLOGY.upstreams()) {
                assertThat(manifest).contains("{name: " + upstream.upstreamUrlVariable() + ", value: \"http://" + upstream.module() + ":"
                        + upstream.port() + "\"}");
            }
        }
    }

    @Test
    void theKubernetesGatewayBelievesForwardedAddressesFromTheIngressOnly() throws IOException {
        // behind the ingress every peer is a proxy: without this, all anonymous clients would share one bucket
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/gateway.yaml")))
                .containsPattern("name: CIVIC_GATEWAY_CLIENTS_TRUSTED_PROXIES, value: \"[0-9a-f.:/,]+\"");
        assertThat(environment(compose.path("services").path("gateway"))).as("compose publishes the gateway itself: no proxy")
                .doesNotContainKey("CIVIC_GATEWAY_CLIENTS_TRUSTED_PROXIES");
    }

    static Properties properties(Path module) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("<<")) {
                env.put(e.getKey(), e.getValue().asText());
            }
        });
        // the shared block merged in with <<: *service-env
        service.path("environment").path("<<").fields().forEachRemaining(e -> env.putIfAbsent(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The environment variable MicroProfile Config maps to a property: non-alphanumerics become _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String databaseOf(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }
}
