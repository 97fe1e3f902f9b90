package org.civicregistry.events;


import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.civicregistry.testsupport.AuthorizationMatrix;
import org.civicregistry.testsupport.Caller;
import org.civicregistry.testsupport.Caller.Access;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Every write operation × every kind of caller: no token, expired, not yet valid, signed with another
 * key, another issuer, {@code alg: none}, HS256 keyed with the public key, an editor of another
 * jurisdiction (Gyeonggi), an editor of the organizer's (Gwangju, whose city hall organizes), an
 * admin. Exactly the expected status, and a refused write leaves the event as it was.
 */
@EventsTest
class AuthorizationMatrixTest {

    /** One write, ready to send; a refused one leaves {@code record} at version 1, or creates nothing ({@code emptyWhenRefused}). */
    record Prepared(String method, String path, String contentType, String body, String ifMatch, int success, String record,
            String emptyWhenRefused) implements AuthorizationMatrix.Write {
        @Override
        public Access access() {
            return Access.JURISDICTION;
        }
    }

    enum Write {
        CREATE_EVENT(() -> {
            String slug = Api.unique("matrix");
            return new Prepared("POST", "/api/v1/events", "application/json", Api.event(World.get().gwangjuCityHall).slug(slug).toString(),
                    null, 201, null, "/api/v1/events?slug=" + slug);
        }),
        REPLACE_EVENT(() -> change("PUT", "", "application/json", Api.event(World.get().gwangjuCityHall).type("press_conference").toString())),
        PATCH_EVENT(() -> change("PATCH", "", "application/merge-patch+json", "{\"title\": {\"en\": \"Renamed\"}}")),
        ARCHIVE_EVENT(() -> change("DELETE", "", null, null)),
        TRANSITION_EVENT(() -> change("POST", "/transitions", "application/json", "{\"to\": \"confirmed\"}"));

        final Supplier<Prepared> prepare;
        private final AuthorizationMatrix.Targets<Prepared> targets = new AuthorizationMatrix.Targets<>();

        Write(Supplier<Prepared> prepare) {
            this.prepare = prepare;
        }

        /** A fresh target for a caller who will succeed; a shared one for callers who will be refused. */
        Prepared prepare(Caller caller) {
            return targets.prepare(caller, prepare);
        }
    }

    static Stream<Arguments> writes() {
        return Arrays.stream(Write.values()).flatMap(write -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(write, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("writes")
    void exactlyTheExpectedStatusAndNothingChangedWhenRefused(Write write, Caller caller) {
        Prepared p = write.prepare(caller);
        int expected = AuthorizationMatrix.send(p, caller, "gwangju", "gyeonggi");
        if (expected >= 400) {
            if (p.record() != null) {
                AuthorizationMatrix.assertUnchanged(p.record());
            }
            if (p.emptyWhenRefused() != null) {
                AuthorizationMatrix.assertListsNothing(p.emptyWhenRefused());
            }
        } else if (p.record() != null) {
            AuthorizationMatrix.assertChanged(p.record());
        }
    }

    private static Prepared change(String method, String suffix, String contentType, String body) {
        String event = "/api/v1/events/" + Api.event(World.get().gwangjuCityHall).create();
        return new Prepared(method, event + suffix, contentType, body, "\"1\"", 200, event, null);
    }
}
