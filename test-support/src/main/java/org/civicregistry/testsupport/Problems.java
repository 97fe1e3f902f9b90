package org.civicregistry.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** What every service answers when it refuses a request: a problem+json document that says why and leaks nothing. */
public final class Problems {

    private Problems() {
    }

    /** Asserts a problem+json answer of {@code status} and problem {@code type}, with a title and a detail free of stack traces. */
    public static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.log().ifValidationFails().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("https://civic-registry.org/problems/" + type))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("\tat ")));
    }

    /**
     * POSTs {@code body} to {@code path} with no token (401 and a Bearer challenge), with each token no
     * service may accept (expired, another issuer, another audience, issued too long ago, not a JWT:
     * 401), and with a reader's (403).
     */
    public static void assertWritesNeedAValidToken(String path, String body) {
        assertProblem(given().contentType("application/json").body(body).post(path).then(), 401, "unauthorized")
                .header("WWW-Authenticate", "Bearer");
        assertProblem(as(Tokens.expiredAdmin()).body(body).post(path).then(), 401, "unauthorized");
        assertProblem(as(Tokens.adminFromIssuer("someone-else")).body(body).post(path).then(), 401, "unauthorized");
        // meant for another API, and issued longer ago than the services accept (though unexpired)
        assertProblem(as(Tokens.adminForOtherAudience()).body(body).post(path).then(), 401, "unauthorized");
        assertProblem(as(Tokens.tooOldAdmin()).body(body).post(path).then(), 401, "unauthorized");
        assertProblem(as("not.a.jwt").body(body).post(path).then(), 401, "unauthorized");
        assertProblem(as(Tokens.reader()).body(body).post(path).then(), 403, "forbidden");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }
}
