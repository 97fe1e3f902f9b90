package org.civicregistry.gateway;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

/** Requests as one client: each test client has its own API key, so rate limits do not mix. */
final class Client {

    private Client() {
    }

    static RequestSpecification anyone() {
        return given().header("X-Api-Key", "test-" + UUID.randomUUID());
    }
}
