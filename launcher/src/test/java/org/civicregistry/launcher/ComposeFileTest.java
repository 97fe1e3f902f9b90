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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so docker-compose.yml and the Kubernetes manifests cannot be started
 * in CI; this test checks instead that they agree with the services' own configuration: names,
 * ports, databases, the variables they set, and the gateway's upstream addresses.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("officials-service", "agreements-service", "events-service", "gateway");
    /** Standard keys Quarkus / MicroProfile read without the service declaring them. */
    static final Set<String> STANDARD = Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "QUARKUS_HTTP_CORS_ORIGINS");

    static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = { "officials-service", "agreements-service", "events-service", "gateway" })
    void eachServiceIsBuiltFromItsModuleWithItsOwnPortDatabaseAndSettings(String name) throws IOException {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isMissingNode()).as(name + " in docker-compose.yml").isFalse();
        Path module = ROOT.resolve(service.path("build").path("context").asText());
        assertThat(module.resolve(service.path("build").path("dockerfile").asText())).as("Dockerfile of " + name).exists();
        Properties config = properties(module);
        Map<String, String> env = environment(service);

        assertThat(env.get("QUARKUS_HTTP_PORT")).as("port of " + name).isEqualTo(config.getProperty("quarkus.http.port"));
        String database = databaseOf(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertThat(database).as("database of " + name).isEqualTo(databaseOf(config.getProperty("quarkus.datasource.jdbc.url")));
        assertThat(Files.readString(ROOT.resolve("deploy/compose/init-databases.sql"))).contains("create database " + database + ";");

        Set<String> known = new TreeSet<>(STANDARD);
        config.stringPropertyNames().forEach(key -> known.add(envName(key)));
        assertThat(env.keySet()).as("variables of " + name + " that the service reads").allMatch(known::contains);
        assertThat(service.path("depends_on").path("postgres").path("condition").asText()).isIn("service_healthy", "");
        assertThat(service.path("healthcheck").isMissingNode()).as("health check of " + name).isFalse();
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
        assertThat(upstreams).containsExactlyInAnyOrder("officials", "agreements", "events");
        for (String upstream : upstreams) {
            URI url = URI.create(env.get("CIVIC_GATEWAY_UPSTREAMS_" + upstream.toUpperCase(Locale.ROOT) + "_URL"));
            JsonNode target = compose.path("services").path(url.getHost());
            assertThat(target.isMissingNode()).as(url + " names a compose service").isFalse();
            assertThat(String.valueOf(url.getPort())).isEqualTo(environment(target).get("QUARKUS_HTTP_PORT"));
            assertThat(compose.path("services").path("gateway").path("depends_on").has(url.getHost())).isTrue();
        }
        assertThat(compose.path("services").path("gateway").path("ports").get(0).asText()).isEqualTo("8080:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = { "officials-service", "agreements-service", "events-service", "gateway" })
    void theKubernetesManifestsUseTheSamePortsAndDatabases(String name) throws IOException {
        String manifest = Files.readString(ROOT.resolve("deploy/k8s/" + name + ".yaml"));
        Properties config = properties(ROOT.resolve(name));
        assertThat(manifest).contains("containerPort: " + config.getProperty("quarkus.http.port"))
                .contains("/" + databaseOf(config.getProperty("quarkus.datasource.jdbc.url")) + "\n")
                .contains("path: /q/health/ready")
                .contains("startupProbe:").contains("path: /q/health/started")
                .doesNotContain("path: /q/health/group/stream");
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/kustomization.yaml"))).contains("- " + name + ".yaml")
                .contains("CIVIC_TOPICS_REPLICATION_FACTOR=3").contains("CIVIC_TOPICS_MIN_INSYNC_REPLICAS=2");
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
