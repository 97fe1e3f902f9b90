package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service's build leaves a CycloneDX SBOM of what it ships: a tool that reads SBOMs finds
 * the service, each library with its package URL, and nothing of the tests. The plugin makes it
 * only when Maven is online (it looks up licences), so an offline build on a developer's machine
 * skips this; CI builds online and fails without it.
 */
class SbomTest {

    @ParameterizedTest
    @ValueSource(strings = { "officials-service", "agreements-service", "events-service", "gateway" })
    void theServiceShipsAnSbomOfItsRuntimeLibraries(String module) throws IOException {
        Path file = RepositoryFiles.ROOT.resolve(module).resolve("target/bom.json");
        Tools.requirePresent(Files.isRegularFile(file), module + "/target/bom.json is missing: build online (./mvnw verify)");
        JsonNode bom = new ObjectMapper().readTree(file.toFile());

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).matches("1\\.[4-9]");
        assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo(module);
        Map<String, String> versions = new HashMap<>();
        for (JsonNode component : bom.path("components")) {
            String name = component.path("group").asText() + ":" + component.path("name").asText();
            assertThat(component.path("purl").asText()).as(name).startsWith("pkg:maven/");
            assertThat(component.path("version").asText()).as(name).isNotBlank();
            versions.put(name, component.path("version").asText());
        }
        assertThat(versions).containsKeys("org.civicregistry:commons", "io.cloudevents:cloudevents-core",
                "org.postgresql:postgresql", "org.apache.kafka:kafka-clients");
        assertThat(versions.keySet()).as("test libraries").noneMatch(name -> List.of("org.civicregistry:test-support",
                "org.civicregistry:embedded-infrastructure", "io.quarkus:quarkus-junit5", "io.rest-assured:rest-assured")
                .contains(name));
        // the versions the enforcer's upper-bound rule keeps together (the Quarkus BOM once held the API back)
        assertThat(versions.get("io.cloudevents:cloudevents-api")).isEqualTo(versions.get("io.cloudevents:cloudevents-core"));
    }
}
