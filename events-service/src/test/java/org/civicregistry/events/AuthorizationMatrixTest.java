package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.civicregistry.testsupport.Caller;
import org.civicregistry.testsupport.Caller.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Every write operation × every kind of caller: no token, expired, not yet valid, signed with another
 * key, another issuer, {@code alg: none}, HS256 keyed with the public key, an editor of another
 * jurisdiction (Gyeonggi), an editor of the organizer's (Gwangju, whose city hall organizes), an
 * admin. Exactly the expected status, and a refused write leaves the event as it was.
 */
@EventsTest
class AuthorizationMatrixTest {

    /** One write, ready to send; a refused one leaves {@code record} at version 1, or creates nothing ({@code emptyWhenRefused}). */
    record Prepared(String method, String path, String contentType, String body, boolean conditional, int success, String record,
            String emptyWhenRefused) {
    }

    enum Write {
        CREATE_EVENT(() -> {
            String slug = Api.unique("matrix");
            return new Prepared("POST", "/api/v1/events", "application/json", Api.event(World.get().gwangjuCityHall).slug(slug).toString(),
                    false, 201, null, "/api/v1/events?slug=" + slug);
        }),
        REPLACE_EVENT(() -> change("PUT", "", "application/json", Api.event(World.get().gwangjuCityHall).type("press_conference").toString())),
        PATCH_EVENT(() -> change("PATCH", "", "application/merge-patch+json", "{\"title\": {\"en\": \"Renamed\"}}")),
        ARCHIVE_EVENT(() -> change("DELETE", "", null, null)),
        TRANSITION_EVENT(() -> change("POST", "/transitions", "application/json", "{\"to\": \"confirmed\"}"));

        final Supplier<Prepared> prepare;
        /** The target every refused caller tries in turn: a refusal changes nothing, so they can share one. */
        private Prepared refused;

        Write(Supplier<Prepared> prepare) {
            this.prepare = prepare;
        }

        /** A fresh target for a caller who will succeed; a shared one for callers who will be refused. */
        synchronized Prepared prepare(Caller caller) {
            Prepared sample = refused != null ? refused : prepare.get();
            if (caller.expected(sample.success(), Access.JURISDICTION) < 400) {
                return sample == refused ? prepare.get() : sample;
            }
            refused = sample;
            return refused;
        }
    }

    static Stream<Arguments> writes() {
        return Arrays.stream(Write.values()).flatMap(write -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(write, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("writes")
    void exactlyTheExpectedStatusAndNothingChangedWhenRefused(Write write, Caller caller) {
        Prepared p = write.prepare(caller);
        RequestSpecification request = caller.on(given(), "gwangju", "gyeonggi");
        if (p.contentType() != null) {
            request.contentType(p.contentType()).body(p.body());
        }
        if (p.conditional()) {
            request.header("If-Match", "\"1\"");
        }
        int expected = caller.expected(p.success(), Access.JURISDICTION);
        ValidatableResponse response = request.request(p.method(), p.path()).then().log().ifValidationFails().statusCode(expected);
        if (expected == 401) {
            BadInputTest.assertProblem(response, 401, "unauthorized").header("WWW-Authenticate", "Bearer");
        } else if (expected == 403) {
            BadInputTest.assertProblem(response, 403, "forbidden");
        }
        if (expected >= 400) {
            if (p.record() != null) {
                given().get(p.record()).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
            }
            if (p.emptyWhenRefused() != null) {
                given().get(p.emptyWhenRefused()).then().statusCode(200).body("items", empty());
            }
        } else if (p.record() != null) {
            given().get(p.record()).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        }
    }

    private static Prepared change(String method, String suffix, String contentType, String body) {
        String event = "/api/v1/events/" + Api.event(World.get().gwangjuCityHall).create();
        return new Prepared(method, event + suffix, contentType, body, true, 200, event, null);
    }
}
