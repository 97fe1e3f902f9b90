package org.civicregistry.officials.common;

/**
 * Request examples of the OpenAPI document. Those of records that reference nothing (an
 * organization, a person) are valid as they stand, so "Try it out" works on an empty database. Their
 * facts are those of the demo data (docs/demo-data.md), and their sources are named by title, as no
 * article address is known.
 */
public final class Examples {

    public static final String ORGANIZATION = """
            {
              "slug": "gwangju",
              "name": {"ko": "광주광역시", "en": "Gwangju Metropolitan City"},
              "classification": "metropolitan_city",
              "divisionId": "ocd-division/country:kr/metropolitan_city:29",
              "identifiers": [{"scheme": "ocd-division", "identifier": "ocd-division/country:kr/metropolitan_city:29"}],
              "sources": [{"title": "강기정 시장과 상생협약 체결", "publisher": "경인일보 (Kyeongin Ilbo)", "publishedOn": "2023-05-12", "language": "ko"}]
            }""";

    public static final String PERSON = """
            {
              "slug": "kang-ki-jung",
              "name": {"ko": "강기정", "en": "Kang Ki-jung"},
              "otherNames": [{"name": "Kang Gi-jeong", "language": "en", "note": "Revised Romanization"}],
              "sources": [{"title": "강기정 시장과 상생협약 체결", "publisher": "경인일보 (Kyeongin Ilbo)", "publishedOn": "2023-05-12", "language": "ko"}]
            }""";

    public static final String POST = """
            {
              "slug": "gwangju-mayor",
              "label": {"ko": "광주광역시장", "en": "Mayor of Gwangju"},
              "role": "mayor",
              "organizationId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b"
            }""";

    public static final String MEMBERSHIP = """
            {
              "personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a7b",
              "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a7b",
              "role": "mayor",
              "start": "2022-07-01",
              "sources": [{"title": "강기정 시장과 상생협약 체결", "publisher": "경인일보 (Kyeongin Ilbo)", "publishedOn": "2023-05-12", "language": "ko"}]
            }""";

    private Examples() {
    }
}
