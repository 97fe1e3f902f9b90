package org.civicregistry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.Test;

/**
 * The alert rules as Prometheus loads them: {@code promtool check rules} (syntax, PromQL, templates),
 * {@code promtool test rules} (civic-alerts-test.yml: alerts that fire, and do not, on given series),
 * and every metric a rule reads is one the platform defines.
 */
class PrometheusRulesTest {

    static final String RULES = "deploy/prometheus/civic-alerts.yml";
    static final String INSTALLED_BY = "Debian's prometheus package; .ci/run installs it";

    @Test
    void promtoolAcceptsTheRules() {
        String promtool = Tools.require("promtool", INSTALLED_BY).toString();
        Tools.Result result = Tools.run("", List.of(promtool, "check", "rules", RULES));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theAlertsFireAsTheirUnitTestsSay() {
        String promtool = Tools.require("promtool", INSTALLED_BY).toString();
        Tools.Result result = Tools.run("", List.of(promtool, "test", "rules", "deploy/prometheus/civic-alerts-test.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleReadsMetricsThePlatformDefinesAndSaysHowUrgentItIs() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(RepositoryFiles.ROOT.resolve(RULES).toFile());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(MetricNames.defined()).as("metrics " + alert + " reads").containsAll(MetricNames.queried(rule.path("expr").asText()));
                assertThat(MetricNames.queried(rule.path("expr").asText())).as(alert).isNotEmpty();
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("page", "ticket");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            }
        }
        // what pages someone: the stream stalled, dead letters, lag, errors
        assertThat(alerts).contains("CivicOutboxLagging", "CivicOutboxParked", "CivicDeadLetters", "CivicReadModelStalled",
                "CivicReadModelNotProgressing", "CivicReadModelLag", "CivicHighErrorRate", "CivicServiceDown");
    }
}
