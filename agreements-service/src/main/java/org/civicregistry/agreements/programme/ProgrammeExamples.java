package org.civicregistry.agreements.programme;

import java.util.List;

import org.civicregistry.agreements.programme.initiative.Initiative;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request examples of the programme routes, from docs/sources.md (Gwangju's twenty initiatives for
 * 2020). The owner, the announcer and his post are officials-service records, so the example carries
 * placeholder ids: it is valid once the service has learned records with those ids.
 */
public final class ProgrammeExamples {

    public static final String PROGRAMME = """
            {
              "slug": "gwangju-twenty-initiatives-2020",
              "title": {"ko": "2020년 광주 20대 역점시책", "en": "Gwangju's twenty initiatives for 2020"},
              "summary": {"ko": "AI 중심도시 광주", "en": "Opening 2020 with twenty initiatives for Gwangju of AI technology"},
              "kind": "annual_plan",
              "status": "announced",
              "ownerId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02",
              "period": {"start": "2020", "end": "2020"},
              "announcedOn": "2019-12-29",
              "announcedBy": {"personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a03", "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a02"},
              "initiatives": [
                {"number": 1, "title": {"ko": "인공지능 중심도시 조성", "en": "Building the AI hub city"}, "sector": "ai_industry",
                 "leadOrganizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02", "status": "on_track", "progress": 30},
                {"number": 2, "title": {"ko": "11대 대표산업 육성", "en": "Growing the eleven representative industries"},
                 "sector": "industry", "status": "planned"}
              ],
              "sources": [{"url": "https://www.gwangju.go.kr/", "publisher": "Gwangju Metropolitan City", "language": "en"}]
            }""";

    public static final String INITIATIVE = """
            {
              "number": 2,
              "title": {"ko": "11대 대표산업 육성", "en": "Growing the eleven representative industries"},
              "sector": "industry",
              "status": "on_track",
              "progress": 25,
              "targets": [{"description": {"ko": "대표산업 육성 계획 수립", "en": "A plan for each industry"}, "due": "2020-06", "met": null}],
              "budget": {"plannedKrw": 10000000000, "securedKrw": 2500000000},
              "subItems": [{"number": 1, "title": {"ko": "자동차", "en": "Automobiles"}, "sector": "automobile", "status": "on_track"}]
            }""";

    public static final String REPORT = """
            {"on": "2020-06-30", "status": "on_track", "progress": 40,
             "note": {"ko": "상반기 추진 상황", "en": "Where things stood at mid-year"},
             "sources": [{"url": "https://www.gwangju.go.kr/", "publisher": "Gwangju Metropolitan City", "language": "en"}]}""";

    public static final String TRANSITION = """
            {"to": "announced", "announcedOn": "2019-12-29"}""";

    static final String INVALID_TRANSITION = """
            {"type": "https://civic-registry.org/problems/invalid-transition", "title": "Invalid state transition", "status": 409,
             "detail": "A programme cannot move from draft to concluded; from draft it may become announced.",
             "instance": "/api/v1/programmes/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/transitions",
             "violations": [{"field": "status", "message": "cannot move from draft to concluded"}],
             "allowed": ["announced"]}""";

    private ProgrammeExamples() {
    }

    /** The page schema of the programmes list, for the OpenAPI document. */
    @Schema(name = "ProgrammePage")
    public record ProgrammePage(List<ProgrammeView> items, String nextCursor) {
    }

    /** The initiatives list schema for the OpenAPI document. */
    @Schema(name = "InitiativePage")
    public record InitiativePage(List<Initiative> items, String nextCursor) {
    }
}
