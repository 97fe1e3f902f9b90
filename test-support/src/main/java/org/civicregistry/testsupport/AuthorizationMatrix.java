package org.civicregistry.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.function.Supplier;

import org.civicregistry.testsupport.Caller.Access;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The cells of each service's {@code AuthorizationMatrixTest}: one write sent by one {@link Caller},
 * which must get exactly the status the caller's identity allows; each service says which writes
 * there are and how it sees that a refusal changed nothing.
 */
public final class AuthorizationMatrix {

    private AuthorizationMatrix() {
    }

    /** One write, ready to send. */
    public interface Write {
        String method();

        String path();

        /** Null for a write without a body. */
        String contentType();

        String body();

        /** The {@code If-Match} to send, or null for none. */
        String ifMatch();

        /** The status of a caller who may write. */
        int success();

        Access access();
    }

    /**
     * The target every refused caller tries in turn: a refusal changes nothing, so they can share one;
     * a caller who will succeed gets a fresh one.
     */
    public static final class Targets<W extends Write> {
        private W refused;

        public synchronized W prepare(Caller caller, Supplier<W> fresh) {
            W sample = refused != null ? refused : fresh.get();
            if (caller.expected(sample.success(), sample.access()) < 400) {
                return sample == refused ? fresh.get() : sample;
            }
            refused = sample;
            return refused;
        }
    }

    /**
     * Sends {@code write} as {@code caller} (an editor of {@code recordJurisdiction} or of
     * {@code otherJurisdiction}), asserts exactly the expected status (401 and 403 as problems, 401
     * with a Bearer challenge) and returns it.
     */
    public static int send(Write write, Caller caller, String recordJurisdiction, String otherJurisdiction) {
        RequestSpecification request = caller.on(given(), recordJurisdiction, otherJurisdiction);
        if (write.contentType() != null) {
            request.contentType(write.contentType()).body(write.body());
        }
        if (write.ifMatch() != null) {
            request.header("If-Match", write.ifMatch());
        }
        int expected = caller.expected(write.success(), write.access());
        ValidatableResponse response = request.request(write.method(), write.path()).then().log().ifValidationFails().statusCode(expected);
        if (expected == 401) {
            Problems.assertProblem(response, 401, "unauthorized").header("WWW-Authenticate", "Bearer");
        } else if (expected == 403) {
            Problems.assertProblem(response, 403, "forbidden");
        }
        return expected;
    }

    /** A refused write left {@code record} at its first version. */
    public static ValidatableResponse assertUnchanged(String record) {
        return given().get(record).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
    }

    /** An accepted write made {@code record}'s second version. */
    public static void assertChanged(String record) {
        given().get(record).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
    }

    /** A refused create created nothing: {@code list} (a query naming what it would have made) lists nothing. */
    public static void assertListsNothing(String list) {
        given().get(list).then().statusCode(200).body("items", empty());
    }
}
