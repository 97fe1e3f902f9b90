package org.civicregistry.agreements;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import io.agroal.api.AgroalDataSource;

/**
 * A test class whose tests share one {@link World}, seeded on its first test rather than before all
 * (Quarkus points rest-assured at the service only per test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeededTest {

    @Inject
    AgroalDataSource dataSource;

    World w;

    @BeforeEach
    void seed() {
        if (w == null) {
            w = new World(dataSource);
        }
    }
}
