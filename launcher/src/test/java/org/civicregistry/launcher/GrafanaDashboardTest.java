package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard as Grafana imports it: valid by Grafana's schema, panels with a Prometheus datasource and a
 * query each, laid out without overlap, and every metric it queries one the platform defines (so
 * a renamed meter breaks this test, not the dashboard on the day someone needs it).
 */
class GrafanaDashboardTest {

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(RepositoryFiles.ROOT.resolve("deploy/grafana/civic-registry.json").toFile());
    }

    @Test
    void everyPanelHasADatasourceAndQueriesThatReadMetricsThePlatformDefines() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        Set<String> defined = MetricNames.defined();
        Set<String> queried = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("id of " + title + " is unique").isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("type").asText()).as("datasource of " + title).isEqualTo("prometheus");
            assertThat(panel.path("targets")).as("queries of " + title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as("query of " + title).isNotBlank();
                assertThat(target.path("datasource").path("type").asText()).as(title).isEqualTo("prometheus");
                Set<String> names = MetricNames.queried(expr);
                assertThat(names).as("metrics of " + title).isNotEmpty();
                assertThat(defined).as("metrics of " + title).containsAll(names);
                queried.addAll(names);
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            assertThat(defined).as("variable " + variable.path("name").asText())
                    .containsAll(MetricNames.queried(query.replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1")));
        }
        // what an operator looks at first
        assertThat(queried).contains("http_server_requests_seconds_count", "http_server_requests_seconds_sum", "civic_outbox_lag_seconds",
                "civic_consumer_lag", "civic_consumer_dead_letters_total", "civic_gateway_stream_subscribers", "jvm_memory_used_bytes");
    }

    /** Grafana's own model of a dashboard (deploy/schema-check/dashboard.mjs): no field it does not know, none missing. */
    @Test
    void theDashboardIsAGrafanaDashboardByGrafanasSchema() {
        String node = Tools.require("node", "Debian's nodejs").toString();
        Tools.requirePresent(Files.isDirectory(RepositoryFiles.ROOT.resolve("deploy/schema-check/node_modules/@grafana/schema")),
                "deploy/schema-check has its packages (npm ci there, as .ci/run does)");
        Tools.Result result = Tools.run("", List.of(node, "deploy/schema-check/dashboard.mjs", "deploy/grafana/civic-registry.json"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("valid");
    }

    @Test
    void panelsDoNotOverlap() throws IOException {
        List<JsonNode> panels = new ArrayList<>();
        dashboard().path("panels").forEach(panels::add);
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode a = panels.get(i).path("gridPos");
                JsonNode b = panels.get(j).path("gridPos");
                boolean apart = a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                        || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                        || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                        || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
                assertThat(apart).as(panels.get(i).path("title").asText() + " and " + panels.get(j).path("title").asText()).isTrue();
            }
            assertThat(panels.get(i).path("gridPos").path("x").asInt() + panels.get(i).path("gridPos").path("w").asInt())
                    .isLessThanOrEqualTo(24);
        }
    }
}
