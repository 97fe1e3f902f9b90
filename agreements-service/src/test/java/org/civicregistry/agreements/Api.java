package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small helpers that write agreements through the public API, as an integrator would. */
final class Api {

    static final String AGREEMENTS = "/api/v1/agreements";

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

    /** A merge patch with If-Match, as the admin. */
    static RequestSpecification patch(String etag) {
        return admin().header("If-Match", "\"" + etag + "\"").contentType("application/merge-patch+json");
    }

    static String create(ObjectNode body) {
        return admin().body(body.toString()).post(AGREEMENTS).then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    static ObjectNode agreement(String slug, String ko, String en, String kind, String status, String signedOn, ObjectNode... parties) {
        ObjectNode body = Officials.JSON.createObjectNode();
        if (slug != null) {
            body.put("slug", slug);
        }
        body.putObject("title").put("ko", ko).put("en", en);
        body.put("kind", kind);
        if (status != null) {
            body.put("status", status);
        }
        if (signedOn != null) {
            body.put("signedOn", signedOn);
        }
        ArrayNode array = body.putArray("parties");
        for (ObjectNode party : parties) {
            array.add(party);
        }
        body.putArray("items");
        return body;
    }

    static ObjectNode party(String organizationId) {
        return Officials.JSON.createObjectNode().put("organizationId", organizationId).put("role", "party");
    }

    static ObjectNode party(String organizationId, String personId, String postId) {
        ObjectNode party = party(organizationId);
        party.putObject("signatory").put("personId", personId).put("postId", postId);
        return party;
    }

    static ObjectNode item(int number, String ko, String en, String sector) {
        ObjectNode item = Officials.JSON.createObjectNode().put("number", number);
        item.putObject("title").put("ko", ko).put("en", en);
        item.put("sector", sector);
        return item;
    }

    /**
     * The Gyeonggi–Gwangju mutual development agreement of docs/sources.md: signed at Gwangju City Hall on
     * 12 October 2023 by Governor Kim Dong-yeon and Mayor Kang Ki-jung, with its eight items.
     */
    static ObjectNode gyeonggiGwangju(World w, String slug) {
        ObjectNode body = agreement(slug, "경기도·광주광역시 상생발전 합의문", "Gyeonggi–Gwangju mutual development agreement",
                "mutual_development", "signed", "2023-10-12",
                party(w.gyeonggi, w.kimDongYeon, w.governor), party(w.gwangju, w.kangKiJung, w.mayor));
        body.putObject("place").putObject("name").put("ko", "광주광역시청").put("en", "Gwangju City Hall");
        ArrayNode items = body.putArray("items");
        items.add(item(1, "AI 산업 생태계 활성화", "Activating the AI industry ecosystem", "ai_industry"));
        items.add(item(2, "청년·청소년 교육·교류 프로그램 협력", "Youth and adolescent education and exchange", "youth"));
        items.add(item(3, "미래 자동차 분야 생태계 구축", "Future automobile ecosystem", "future_mobility"));
        items.add(item(4, "5.18 민주화 정신 공동협력", "May 18 democratization spirit", "democracy"));
        items.add(item(5, "관광산업 활성화 협력", "Revitalizing tourism", "tourism"));
        ObjectNode beauty = item(6, "K-뷰티페스티벌 개최 협력 및 교류", "K-Beauty Festival", "culture");
        beauty.putArray("milestones").addObject().put("due", "2024").putObject("title")
                .put("ko", "광주 K-뷰티페스티벌 개최").put("en", "K-Beauty Festival held in Gwangju");
        items.add(beauty);
        items.add(item(7, "후쿠시마 원전 오염수 방류 공동 대응", "Joint response to the Fukushima contaminated water discharge", "environment"));
        items.add(item(8, "고향사랑기부제 활성화를 위한 상호협력", "Hometown Love Donation", "local_finance"));
        body.putArray("sources").addObject().put("url", "https://www.asiae.co.kr/").put("publisher", "The Asia Business Daily")
                .put("language", "en");
        return body;
    }
}
