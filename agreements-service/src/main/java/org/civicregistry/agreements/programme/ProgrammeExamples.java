package org.civicregistry.agreements.programme;

import java.util.List;

import org.civicregistry.agreements.programme.initiative.Initiative;
import org.civicregistry.commons.paging.Total;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request examples of the programme routes, from docs/sources.md (Gwangju's twenty initiatives for
 * 2020, as the city's news clip of 20 January 2020 lists them). The owner, the announcer and his post
 * are officials-service records, so the example carries placeholder ids: it is valid once the service
 * has learned records with those ids. The clip reports no progress, targets or budgets; only the
 * report example shows such figures, and says that they are illustrative.
 */
public final class ProgrammeExamples {

    public static final String PROGRAMME = """
            {
              "slug": "gwangju-2020-key-initiatives",
              "title": {"ko": "2020년 광주광역시 시정 20대 중점과제", "en": "Gwangju's 20 key initiatives for 2020"},
              "summary": {"ko": "혁신·소통·청렴의 시정으로 'AI 중심도시 광주' 시대를 연다는 2020년 시정 방향",
                          "en": "The city government's direction for 2020: an AI hub city, through innovation, communication and integrity."},
              "kind": "annual_plan",
              "status": "announced",
              "ownerId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02",
              "period": {"start": "2020", "end": "2020"},
              "announcedOn": "2019-12-29",
              "announcedBy": {"personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a03", "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a02"},
              "initiatives": [
                {"number": 1, "title": {"ko": "광주 AI 중심도시 사업 본격 추진", "en": "Full operation of the Gwangju AI hub city project"},
                 "sector": "ai", "leadOrganizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02", "status": "planned"},
                {"number": 5, "title": {"ko": "경제자유구역 지정과 친환경 공기산업 등 11대 대표산업 육성으로 양질의 일자리 창출", "en": "Quality jobs from a free economic zone and eleven representative industries"},
                 "sector": "industry", "status": "planned"}
              ],
              "sources": [{"title": "Opening 2020 with 20 Initiatives for Gwangju of AI Technology", "publisher": "Gwangju Metropolitan City", "publishedOn": "2020-01-20", "language": "en"}]
            }""";

    public static final String INITIATIVE = """
            {
              "number": 5,
              "title": {"ko": "경제자유구역 지정과 친환경 공기산업 등 11대 대표산업 육성으로 양질의 일자리 창출", "en": "Quality jobs from a free economic zone and eleven representative industries"},
              "sector": "industry",
              "status": "planned",
              "subItems": [
                 {"number": 1, "title": {"ko": "AI·드론 산업", "en": "AI and drone industry"}, "sector": "industry", "status": "planned"},
                 {"number": 2, "title": {"ko": "친환경 자동차 산업", "en": "Eco-friendly automotive industry"}, "sector": "industry", "status": "planned"},
                 {"number": 3, "title": {"ko": "에너지·수소 산업", "en": "Energy and hydrogen industry"}, "sector": "industry", "status": "planned"},
                 {"number": 4, "title": {"ko": "공기산업(공기가전·대기질)", "en": "Air appliances and air quality industry"}, "sector": "industry", "status": "planned"},
                 {"number": 5, "title": {"ko": "광융합 산업", "en": "Optical convergence industry"}, "sector": "industry", "status": "planned"},
                 {"number": 6, "title": {"ko": "의료·헬스케어 산업", "en": "Medical and healthcare industry"}, "sector": "industry", "status": "planned"},
                 {"number": 7, "title": {"ko": "문화콘텐츠 산업", "en": "Cultural contents industry"}, "sector": "industry", "status": "planned"},
                 {"number": 8, "title": {"ko": "스마트 뿌리산업", "en": "Smart root (fundamental technology) industry"}, "sector": "industry", "status": "planned"},
                 {"number": 9, "title": {"ko": "5G 기반 ICT 산업", "en": "5G-based ICT industry"}, "sector": "industry", "status": "planned"},
                 {"number": 10, "title": {"ko": "관광산업", "en": "Tourism industry"}, "sector": "industry", "status": "planned"},
                 {"number": 11, "title": {"ko": "김치·식품 산업", "en": "Kimchi and food industry"}, "sector": "industry", "status": "planned"}
              ]
            }""";

    /** Illustrative: the sources hold no progress report on these initiatives. */
    public static final String REPORT = """
            {"on": "2020-06-30", "status": "on_track", "progress": 40,
             "note": {"ko": "예시 보고 (출처에 없는 수치)", "en": "An illustrative report: the figures are not from a source"}}""";

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
    public record ProgrammePage(List<ProgrammeView> items, String nextCursor, Total total) {
    }

    /** The initiatives list schema for the OpenAPI document. */
    @Schema(name = "InitiativePage")
    public record InitiativePage(List<Initiative> items, String nextCursor) {
    }
}
