package org.civicregistry.testsupport;

import java.util.Map;

import org.civicregistry.embedded.Database;
import org.civicregistry.embedded.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real infrastructure of a service's tests: the JVM's Kafka broker and a fresh
 * PostgreSQL database, and points Quarkus at them. Use with
 * {@code @QuarkusTestResource(CivicTestResources.class)}; the database name prefix comes from the
 * {@code database} init argument (default {@code civic}).
 */
public class CivicTestResources implements QuarkusTestResourceLifecycleManager {

    private String prefix = "civic";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = KafkaBroker.shared();
        Database database = Database.create(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker and the PostgreSQL server live as long as the JVM; the next run gets a new database.
    }
}
