package org.civicregistry.gateway;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.specification.RequestSpecification;

/**
 * Requests as one client: each test client has its own address, so rate limits do not mix. The
 * tests' connections come from 127.0.0.1, a trusted proxy in the test profile, so the address it
 * names in X-Forwarded-For is the client's.
 */
final class Client {

    private Client() {
    }

    static RequestSpecification anyone() {
        return given().headers(ownAddress());
    }

    /** The header that makes a request one of a new client's. */
    static Map<String, String> ownAddress() {
        return Map.of("X-Forwarded-For", randomAddress());
    }

    static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
