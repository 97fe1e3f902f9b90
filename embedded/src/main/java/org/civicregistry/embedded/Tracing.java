package org.civicregistry.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a service process is started with the OpenTelemetry Java agent: one trace per request, from
 * the gateway through the services, their SQL, the outbox relay and Kafka to the consumers, SSE and
 * webhooks (docs/deployment.md, Tracing). Written once for {@code ./civic up} and the end-to-end suite.
 */
public final class Tracing {

    /** Where spans go: to an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), or into each service's log as OTLP JSON. */
    public enum Export {
        OTLP("otlp"), LOG("logging-otlp");

        private final String exporter;

        Export(String exporter) {
            this.exporter = exporter;
        }

        /** {@code otlp} or {@code log}; anything else (also unset or {@code off}) means no tracing. */
        public static Export parse(String value) {
            if (value == null) {
                return null;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "otlp" -> OTLP;
                case "log" -> LOG;
                default -> null;
            };
        }
    }

    private final Path agent;
    private final Export export;

    public Tracing(Path agent, Export export) {
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException(agent + " is missing: the build copies the OpenTelemetry agent there (./mvnw package)");
        }
        this.agent = agent;
        this.export = export;
    }

    /** The JVM options that attach the agent, before {@code -jar}. */
    public List<String> jvmOptions() {
        // The agent starts before Quarkus: it must find JBoss LogManager already named, or
        // java.util.logging settles on the JDK's manager and the service's logging is lost.
        return List.of("-javaagent:" + agent, "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }

    /** The agent's settings for one service (an operator's own {@code OTEL_*} variables are set over these). */
    public Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("OTEL_SERVICE_NAME", service);
        environment.put("OTEL_TRACES_EXPORTER", export.exporter);
        // metrics stay with Micrometer and /q/metrics, logs with the service's own log
        environment.put("OTEL_METRICS_EXPORTER", "none");
        environment.put("OTEL_LOGS_EXPORTER", "none");
        environment.put("OTEL_BSP_SCHEDULE_DELAY", "1000");
        return environment;
    }
}
