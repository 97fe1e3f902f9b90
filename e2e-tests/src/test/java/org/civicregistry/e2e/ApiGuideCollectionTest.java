package org.civicregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API guide's examples as an integrator runs them: the Bruno collection of {@code docs/bruno}
 * run by Bruno's own CLI, with an admin's Keycloak token, against the real platform's gateway.
 * Every request must run and every check in it pass.
 */
class ApiGuideCollectionTest {

    private final Path collection = Path.of("..").toAbsolutePath().normalize().resolve("docs/bruno");

    @Test
    void theApiGuideCollectionRunsGreen() throws Exception {
        installNodeModules();
        Path report = Path.of("target/bruno-report.json").toAbsolutePath();
        Path output = Path.of("target/bruno-run.log").toAbsolutePath();
        Process bru = new ProcessBuilder(collection.resolve("node_modules/.bin/bru").toString(), "run", "--env", "local",
                "--env-var", "baseUrl=" + Platform.get().gateway().toString().replaceAll("/+$", ""),
                "--env-var", "token=" + Platform.get().adminToken(), "--reporter-json", report.toString())
                .directory(collection.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = bru.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            bru.descendants().forEach(ProcessHandle::destroyForcibly);
            bru.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("bru run finished within 3 minutes:\n" + log).isTrue();
        assertThat(bru.exitValue()).as("bru run failed:\n" + log).isZero();

        JsonNode summary = new ObjectMapper().readTree(report.toFile()).path(0).path("summary");
        long requests;
        try (Stream<Path> files = Files.list(collection)) {
            requests = files.filter(file -> file.getFileName().toString().matches("\\d+-.*\\.bru")).count();
        }
        assertThat(summary.path("totalRequests").asLong()).as("every request of the collection ran:\n" + log).isEqualTo(requests);
        assertThat(summary.path("passedRequests").asLong()).as(log).isEqualTo(requests);
        assertThat(summary.path("failedTests").asInt()).as(log).isZero();
        assertThat(summary.path("passedTests").asInt()).as("every request checks what it got").isGreaterThanOrEqualTo((int) requests);
    }

    /** `npm ci` in docs/bruno when its packages are missing (.ci/run does it beforehand). */
    private void installNodeModules() throws IOException, InterruptedException {
        if (Files.isExecutable(collection.resolve("node_modules/.bin/bru"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(collection.toFile()).inheritIO().start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0).as("npm ci in docs/bruno").isTrue();
    }
}
