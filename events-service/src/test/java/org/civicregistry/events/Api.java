package org.civicregistry.events;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Small helpers that write events through the public API, as an integrator would. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    /** A slug no other test uses: tests share one database. */
    static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification admin() {
        return as(Tokens.admin());
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification mergePatch(String token, int ifMatch) {
        return given().auth().oauth2(token).contentType("application/merge-patch+json").header("If-Match", "\"" + ifMatch + "\"");
    }

    static ValidatableResponse transition(String id, int ifMatch, String body) {
        return admin().header("If-Match", "\"" + ifMatch + "\"").body(body).post("/api/v1/events/" + id + "/transitions")
                .then().log().ifValidationFails();
    }

    static EventBody event(String organizerId) {
        return new EventBody(organizerId);
    }

    /** An event body, built up field by field. */
    static final class EventBody {

        final ObjectNode json = JSON.createObjectNode();

        EventBody(String organizerId) {
            json.putObject("title").put("ko", "일정").put("en", "Event");
            json.put("type", "meeting");
            json.put("startsAt", "2023-10-12T17:00:00+09:00");
            json.put("organizerId", organizerId);
        }

        EventBody title(String ko, String en) {
            ObjectNode title = json.putObject("title");
            if (ko != null) {
                title.put("ko", ko);
            }
            if (en != null) {
                title.put("en", en);
            }
            return this;
        }

        EventBody description(String ko, String en) {
            json.putObject("description").put("ko", ko).put("en", en);
            return this;
        }

        EventBody type(String type) {
            json.put("type", type);
            return this;
        }

        EventBody starts(String startsAt) {
            json.put("startsAt", startsAt);
            return this;
        }

        EventBody ends(String endsAt) {
            json.put("endsAt", endsAt);
            return this;
        }

        EventBody zone(String timeZone) {
            json.put("timeZone", timeZone);
            return this;
        }

        EventBody allDay() {
            json.put("allDay", true);
            return this;
        }

        EventBody status(String status) {
            json.put("status", status);
            return this;
        }

        EventBody identifier(String scheme, String value) {
            ObjectNode identifier = json.withArray("identifiers").addObject();
            identifier.put("scheme", scheme).put("identifier", value);
            return this;
        }

        EventBody slug(String slug) {
            json.put("slug", slug);
            return this;
        }

        EventBody location(String ko, String en, String addressKo, String addressEn, Double lat, Double lon) {
            ObjectNode location = json.putObject("location");
            location.putObject("name").put("ko", ko).put("en", en);
            if (addressKo != null) {
                location.putObject("address").put("ko", addressKo).put("en", addressEn);
            }
            if (lat != null) {
                location.put("lat", java.math.BigDecimal.valueOf(lat));
            }
            if (lon != null) {
                location.put("lon", java.math.BigDecimal.valueOf(lon));
            }
            return this;
        }

        EventBody participant(String personId, String role) {
            return participant(personId, role, null);
        }

        EventBody participant(String personId, String role, String postId) {
            if (!json.has("participants")) {
                json.putArray("participants");
            }
            ObjectNode participant = json.withArray("participants").addObject().put("personId", personId).put("role", role);
            if (postId != null) {
                participant.put("postId", postId);
            }
            return this;
        }

        EventBody agreement(String agreementId) {
            json.put("agreementId", agreementId);
            return this;
        }

        @Override
        public String toString() {
            return json.toString();
        }

        /** Creates it as admin; returns the new id. */
        String create() {
            return admin().body(toString()).post("/api/v1/events").then().log().ifValidationFails().statusCode(201)
                    .extract().path("id");
        }
    }
}
