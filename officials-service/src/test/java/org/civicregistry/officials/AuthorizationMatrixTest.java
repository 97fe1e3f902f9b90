package org.civicregistry.officials;

import static org.hamcrest.Matchers.equalTo;

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
 * jurisdiction, an editor of the record's jurisdiction, an admin. Exactly the expected status, and
 * a refused write leaves the record as it was (same version and ETag; a refused create creates nothing).
 */
@OfficialsTest
class AuthorizationMatrixTest {

    /** Two unrelated jurisdictions: records live under {@link #HOME}; {@link #AWAY}'s editor is the outsider. */
    private static final class Jurisdictions {
        static final String HOME = Api.unique("matrix-home");
        static final String AWAY = Api.unique("matrix-away");
        static final String HOME_ID = Api.organization(HOME, "본청", "Home", "metropolitan_city", null);
        static final String AWAY_ID = Api.organization(AWAY, "타청", "Away", "province", null);
    }

    /** One write, ready to send: what to send, what success is, and how to see that a refusal changed nothing. */
    record Prepared(String method, String path, String contentType, String body, String ifMatch, int success, Access access,
            String record, String emptyWhenRefused) implements AuthorizationMatrix.Write {
    }

    enum Write {
        CREATE_ORGANIZATION(() -> {
            String slug = Api.unique("org");
            return create("/api/v1/organizations", organizationBody(slug), "/api/v1/organizations?slug=" + slug);
        }),
        REPLACE_ORGANIZATION(() -> change("PUT", "/api/v1/organizations/" + organization(), "application/json",
                "{\"name\": {\"ko\": \"바뀐 구\"}, \"classification\": \"district\", \"parentId\": \"" + Jurisdictions.HOME_ID + "\"}")),
        PATCH_ORGANIZATION(() -> change("PATCH", "/api/v1/organizations/" + organization(), "application/merge-patch+json",
                "{\"name\": {\"en\": \"Renamed\"}}")),
        ARCHIVE_ORGANIZATION(() -> change("DELETE", "/api/v1/organizations/" + organization(), null, null)),

        CREATE_PERSON(() -> {
            String slug = Api.unique("person");
            // Any editor may create a person: it is owned by the organization the editor's token names.
            return new Prepared("POST", "/api/v1/people", "application/json", "{\"slug\": \"" + slug + "\", \"name\": {\"ko\": \"새 사람\"}}",
                    null, 201, Access.ANY_EDITOR, null, "/api/v1/people?slug=" + slug);
        }),
        REPLACE_PERSON(() -> change("PUT", "/api/v1/people/" + memberPerson(), "application/json", "{\"name\": {\"ko\": \"바뀐 이름\"}}")),
        PATCH_PERSON(() -> change("PATCH", "/api/v1/people/" + memberPerson(), "application/merge-patch+json", "{\"birthDate\": \"1970\"}")),
        ARCHIVE_PERSON(() -> change("DELETE", "/api/v1/people/" + memberPerson(), null, null)),

        CREATE_POST(() -> {
            String slug = Api.unique("post");
            return create("/api/v1/posts", postBody(slug), "/api/v1/posts?slug=" + slug);
        }),
        REPLACE_POST(() -> change("PUT", "/api/v1/posts/" + post(), "application/json", postBody(null))),
        PATCH_POST(() -> change("PATCH", "/api/v1/posts/" + post(), "application/merge-patch+json", "{\"role\": \"chair\"}")),
        ARCHIVE_POST(() -> change("DELETE", "/api/v1/posts/" + post(), null, null)),

        CREATE_MEMBERSHIP(() -> {
            String post = post();
            return create("/api/v1/memberships", membershipBody(Api.person(Api.unique("member"), "회원", "Member"), post),
                    "/api/v1/memberships?post=" + post);
        }),
        REPLACE_MEMBERSHIP(() -> {
            String post = post();
            String person = Api.person(Api.unique("member"), "회원", "Member");
            return change("PUT", "/api/v1/memberships/" + Api.membership(person, post, "2030-07-01", null), "application/json",
                    membershipBody(person, post).replace("}", ", \"acting\": true}"));
        }),
        PATCH_MEMBERSHIP(() -> change("PATCH", "/api/v1/memberships/" + membership(), "application/merge-patch+json", "{\"acting\": true}")),
        ARCHIVE_MEMBERSHIP(() -> change("DELETE", "/api/v1/memberships/" + membership(), null, null));

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
        int expected = AuthorizationMatrix.send(p, caller, Jurisdictions.HOME, Jurisdictions.AWAY);
        if (expected >= 400) {
            if (p.record() != null) {
                AuthorizationMatrix.assertUnchanged(p.record()).body("status", equalTo("active"));
            }
            if (p.emptyWhenRefused() != null) {
                AuthorizationMatrix.assertListsNothing(p.emptyWhenRefused());
            }
        } else if (p.record() != null) {
            AuthorizationMatrix.assertChanged(p.record());
        }
    }

    private static Prepared create(String path, String body, String emptyWhenRefused) {
        return new Prepared("POST", path, "application/json", body, null, 201, Access.JURISDICTION, null, emptyWhenRefused);
    }

    private static Prepared change(String method, String record, String contentType, String body) {
        return new Prepared(method, record, contentType, body, "\"1\"", 200, Access.JURISDICTION, record, null);
    }

    private static String organizationBody(String slug) {
        return "{\"slug\": \"" + slug + "\", \"name\": {\"ko\": \"새 구\"}, \"classification\": \"district\", \"parentId\": \""
                + Jurisdictions.HOME_ID + "\"}";
    }

    private static String postBody(String slug) {
        return "{" + (slug == null ? "" : "\"slug\": \"" + slug + "\", ") + "\"label\": {\"ko\": \"위원\"}, \"role\": \"member\", "
                + "\"organizationId\": \"" + Jurisdictions.HOME_ID + "\"}";
    }

    private static String membershipBody(String person, String post) {
        return "{\"personId\": \"" + person + "\", \"postId\": \"" + post + "\", \"start\": \"2030-07-01\"}";
    }

    /** An organization under the home jurisdiction. */
    private static String organization() {
        return Api.organization(Api.unique("district"), "구", "District", "district", Jurisdictions.HOME_ID);
    }

    private static String post() {
        return Api.post(Api.unique("post"), "위원", "Member", "member", Jurisdictions.HOME_ID);
    }

    /** A person owned by the home jurisdiction (who holds a post there too, which alone would not make them home's). */
    private static String memberPerson() {
        String person = Api.admin().body("{\"slug\": \"" + Api.unique("member") + "\", \"name\": {\"ko\": \"회원\"}, "
                + "\"ownerOrganizationId\": \"" + Jurisdictions.HOME_ID + "\"}").post("/api/v1/people").then().statusCode(201)
                .extract().path("id");
        Api.membership(person, post(), "2030-07-01", null);
        return person;
    }

    private static String membership() {
        return Api.membership(Api.person(Api.unique("member"), "회원", "Member"), post(), "2030-07-01", null);
    }
}
