package org.civicregistry.agreements.common;

import java.util.List;

import org.civicregistry.agreements.item.Item;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request examples of the OpenAPI document, from the sources of docs/sources.md. An agreement references
 * organizations, people and posts of officials-service, so its examples carry placeholder ids: they
 * are valid once the service has learned records with those ids.
 */
public final class Examples {

    public static final String GYEONGGI = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a01";
    public static final String GWANGJU = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02";

    /** The Gyeonggi–Gwangju mutual development agreement, signed at Gwangju City Hall on 12 May 2023. */
    public static final String AGREEMENT = """
            {
              "slug": "gyeonggi-gwangju-mutual-development-2023",
              "title": {"ko": "경기도·광주광역시 상생발전 합의문", "en": "Gyeonggi Province–Gwangju Metropolitan City mutual development agreement"},
              "summary": {"ko": "AI 산업 등 8개 과제 상호 협력", "en": "Cooperation of the two regions on eight tasks, from the AI industry to the Fukushima water discharge"},
              "kind": "mutual_development",
              "status": "signed",
              "signedOn": "2023-05-12",
              "place": {"name": {"ko": "광주광역시청", "en": "Gwangju City Hall"}},
              "parties": [
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a01", "role": "party",
                 "signatory": {"personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a01", "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a01"}},
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02", "role": "host",
                 "signatory": {"personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a02", "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a02"}}
              ],
              "items": [
                {"number": 1, "title": {"ko": "AI 산업 생태계 활성화", "en": "Activating the AI industry ecosystem"}, "sector": "ai_industry"},
                {"number": 2, "title": {"ko": "청년·청소년 교육·교류 프로그램 협력", "en": "Youth and adolescent education and exchange programs"}, "sector": "youth"},
                {"number": 3, "title": {"ko": "미래 자동차 분야 생태계 구축", "en": "An ecosystem for the future automobile sector"}, "sector": "future_mobility"},
                {"number": 4, "title": {"ko": "5.18 민주화 정신 공동협력", "en": "Joint cooperation on the May 18 democratization spirit"}, "sector": "democracy"},
                {"number": 5, "title": {"ko": "관광산업 활성화 협력", "en": "Revitalizing the tourism industry"}, "sector": "tourism"},
                {"number": 6, "title": {"ko": "K-뷰티페스티벌 개최 협력 및 교류", "en": "Hosting the K-Beauty Festival"}, "sector": "culture",
                 "milestones": [{"title": {"ko": "광주 K-뷰티페스티벌 개최", "en": "K-Beauty Festival in Gwangju"}, "due": "2024"}]},
                {"number": 7, "title": {"ko": "후쿠시마 원전 오염수 방류 공동 대응", "en": "Joint response to the Fukushima contaminated water discharge"}, "sector": "environment"},
                {"number": 8, "title": {"ko": "고향사랑기부제 활성화를 위한 상호협력", "en": "Activating the Hometown Love Donation system"}, "sector": "local_finance"}
              ],
              "sources": [
                {"title": "강기정 시장과 상생협약 체결", "publisher": "경인일보 (Kyeongin Ilbo)", "publishedOn": "2023-05-12", "language": "ko"},
                {"title": "Gyeonggi Province Partners with Gwangju City to Collaborate on 8 Major Tasks Including Fukushima Contaminated Water Response",
                 "publisher": "The Asia Business Daily", "publishedOn": "2023-05-12", "language": "en"}
              ]
            }""";

    /**
     * The task force Gwangju and Jeonnam set up in 2021, in three divisions, with the Gwangju-Jeonnam
     * Research Institute as its secretariat. The article gives only the year and no signatories.
     */
    public static final String TASK_FORCE = """
            {
              "slug": "gwangju-jeonnam-super-regional-task-force-2021",
              "title": {"ko": "광주·전남 초광역 협력사업 발굴 TF 구성", "en": "Gwangju–Jeonnam super-regional cooperation task force set up"},
              "kind": "task_force",
              "status": "in_force",
              "signedOn": "2021",
              "parties": [
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02", "role": "party"},
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a03", "role": "party"},
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a05", "role": "task_force"},
                {"organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a04", "role": "secretariat"}
              ],
              "items": [
                {"number": 1, "title": {"ko": "생활·안전·SOC 분과", "en": "Living, safety and SOC division"}, "sector": "infrastructure"},
                {"number": 2, "title": {"ko": "관광·문화 분과", "en": "Tourism and culture division"}, "sector": "tourism"},
                {"number": 3, "title": {"ko": "산업·농업·환경 분과", "en": "Industry, agriculture and environment division"}, "sector": "industry"}
              ],
              "sources": [{"title": "Formation of TFs in Three Major Areas: Life·Safety·SOC, Tourism·Culture, and Industry·Agriculture·Environment",
                           "publisher": "The Asia Business Daily", "publishedOn": "2021", "language": "en"}]
            }""";

    public static final String ITEM = """
            {
              "number": 6,
              "title": {"ko": "K-뷰티페스티벌 개최 협력 및 교류", "en": "Hosting the K-Beauty Festival"},
              "sector": "culture",
              "status": "in_progress",
              "milestones": [{"title": {"ko": "광주 K-뷰티페스티벌 개최", "en": "K-Beauty Festival in Gwangju"}, "due": "2024"}]
            }""";

    public static final String TRANSITION = """
            {"to": "signed", "signedOn": "2023-05-12"}""";

    private Examples() {
    }

    /** The items list schema for the OpenAPI document. */
    @Schema(name = "ItemPage")
    public record ItemPage(List<Item> items, String nextCursor) {
    }
}
