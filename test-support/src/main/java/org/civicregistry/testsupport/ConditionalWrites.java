package org.civicregistry.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A write of one caller to a record at a known version, sent with {@code If-Match}: the two
 * jurisdictions' tests walk every write route with these and see who may change what.
 */
public final class ConditionalWrites {

    private ConditionalWrites() {
    }

    /** Sends {@code body} (none when {@code contentType} is null) with {@code If-Match: "version"}. */
    public static ValidatableResponse send(String token, String method, String path, String contentType, String body, int version) {
        RequestSpecification request = given().auth().oauth2(token).header("If-Match", "\"" + version + "\"");
        if (contentType != null) {
            request.contentType(contentType).body(body);
        }
        return request.request(method, path).then().log().ifValidationFails();
    }

    /** The write succeeds, making the next version. */
    public static void allowed(String token, String method, String path, String contentType, String body, int version) {
        send(token, method, path, contentType, body, version).statusCode(200).body("version", equalTo(version + 1));
    }

    /** The write is a 403 problem, and {@code record} is still at {@code version}. */
    public static void refused(String token, String method, String path, String contentType, String body, int version, String record) {
        Problems.assertProblem(send(token, method, path, contentType, body, version), 403, "forbidden");
        given().get(record).then().statusCode(200).header("ETag", "\"" + version + "\"").body("version", equalTo(version));
    }
}
