package org.civicregistry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * bench/run --smoke against the packaged platform: every section runs at tiny sizes and the JSON it
 * writes has every section, nonzero counts and no errors. Catches a harness that no longer fits the
 * platform (an API shape, a table, a setting it relies on) before the hour-long run does.
 */
class SmokeTest {

    private static final Logger LOG = Logger.getLogger(SmokeTest.class.getName());

    @Test
    void smokeRunMeasuresEverySectionWithoutErrors() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Options options = Options.parse(new String[] { "--smoke" }, root);
        Results.Run run = Bench.run(options);
        LOG.info(() -> "smoke results in " + options.json());

        JsonNode json = Api.JSON.readTree(options.json().toFile());
        for (String section : List.of("machine", "settings", "overhead", "propagation", "writes", "growth", "footprint", "targets")) {
            assertThat(json.has(section)).as("section %s in %s", section, options.json()).isTrue();
        }
        assertThat(run.errors()).isEmpty();
        assertThat(json.path("machine").path("cores").asInt()).isPositive();

        assertThat(run.overhead()).extracting(Results.Overhead::target).contains("direct", "gateway");
        assertThat(run.overhead()).allSatisfy(o -> {
            assertThat(o.throughput().median()).isPositive();
            assertThat(o.errors()).isZero();
        });

        assertThat(run.propagation()).hasSize(4).allSatisfy(p -> {
            assertThat(p.sent()).isPositive();
            assertThat(p.received()).as(p.receiver()).isEqualTo(p.sent());
        });

        assertThat(run.writes()).filteredOn(w -> w.driver().startsWith("events-service"))
                .extracting(Results.Write::concurrency).containsExactly(1, 8, 32);
        assertThat(run.writes()).allSatisfy(w -> {
            assertThat(w.ok()).isPositive();
            assertThat(w.errors()).isZero();
        });

        assertThat(run.growth()).hasSize(options.sizes().size()).allSatisfy(step -> assertThat(step.queries()).hasSize(6)
                .allSatisfy(q -> {
                    assertThat(q.latency().count()).isEqualTo(options.querySamples());
                    assertThat(q.errors()).as(q.name()).isZero();
                }));
        // every event is downloaded, through the gateway as through COPY
        assertThat(run.growth()).allSatisfy(step -> {
            assertThat(step.download().lines()).isPositive().isEqualTo(step.download().copyRows());
            assertThat(step.download().gatewayRssPeakMiB()).isPositive();
        });

        assertThat(run.footprint().services()).hasSize(4).allSatisfy(s -> {
            assertThat(s.rssIdleMiB()).isPositive();
            assertThat(s.processToReadySeconds()).isPositive();
        });
        assertThat(run.targets()).isNotEmpty();
    }
}
