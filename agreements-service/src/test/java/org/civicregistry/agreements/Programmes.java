package org.civicregistry.agreements;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers that write programmes through the public API, as an integrator would. */
final class Programmes {

    static final String PROGRAMMES = "/api/v1/programmes";

    private Programmes() {
    }

    static String create(ObjectNode body) {
        return Api.admin().body(body.toString()).post(PROGRAMMES).then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    static ObjectNode initiative(int number, String ko, String en, String sector) {
        ObjectNode initiative = Officials.JSON.createObjectNode().put("number", number);
        initiative.putObject("title").put("ko", ko).put("en", en);
        initiative.put("sector", sector);
        return initiative;
    }

    /** The 2020 plan's shape, owned by another organization (with no announcer: Lee Yong-sup was Gwangju's mayor). */
    static ObjectNode ownedBy(World w, String ownerId) {
        ObjectNode body = gwangju2020(w, null).put("ownerId", ownerId);
        body.remove("announcedBy");
        return body;
    }

    /**
     * Gwangju's twenty initiatives for 2020 of docs/sources.md, announced by Mayor Lee Yong-sup on
     * 29 December 2019, with three of them: the AI hub city first, the eleven representative
     * industries (three sub-items here) and one more.
     */
    static ObjectNode gwangju2020(World w, String slug) {
        ObjectNode body = Officials.JSON.createObjectNode();
        if (slug != null) {
            body.put("slug", slug);
        }
        body.putObject("title").put("ko", "2020년 광주 20대 역점시책").put("en", "Gwangju's twenty initiatives for 2020");
        body.put("kind", "annual_plan");
        body.put("status", "announced");
        body.put("ownerId", w.gwangju);
        body.putObject("period").put("start", "2020").put("end", "2020");
        body.put("announcedOn", "2019-12-29");
        body.putObject("announcedBy").put("personId", w.leeYongSup).put("postId", w.mayor);
        ArrayNode initiatives = body.putArray("initiatives");
        ObjectNode ai = initiative(1, "인공지능 중심도시 조성", "Building the AI hub city", "ai_industry").put("leadOrganizationId", w.gwangju)
                .put("status", "on_track").put("progress", 30);
        ai.putArray("targets").addObject().put("due", "2020-12").putObject("description").put("ko", "AI 집적단지 착공").put("en", "AI cluster begun");
        ai.putObject("budget").put("plannedKrw", 400_000_000_000L).put("securedKrw", 100_000_000_000L);
        initiatives.add(ai);
        ObjectNode industries = initiative(2, "11대 대표산업 육성", "Growing the eleven representative industries", "industry");
        ArrayNode subItems = industries.putArray("subItems");
        for (int n = 1; n <= 3; n++) {
            ObjectNode sub = subItems.addObject().put("number", n).put("sector", "industry-" + n);
            sub.putObject("title").put("ko", "대표산업 " + n).put("en", "Representative industry " + n);
        }
        initiatives.add(industries);
        initiatives.add(initiative(3, "광주형 일자리", "The Gwangju job model", "jobs").put("status", "completed_continuing").put("progress", 100));
        body.putArray("sources").addObject().put("url", "https://www.gwangju.go.kr/").put("publisher", "Gwangju Metropolitan City")
                .put("language", "en");
        return body;
    }
}
