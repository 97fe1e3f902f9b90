package org.civicregistry.agreements.common;

/** Texts shared by the OpenAPI annotations of the agreements resources. */
public final class ApiDocs {

    public static final String Q = "Search titles, summaries and items (titles, descriptions, sectors) in every language; "
            + "partial matches, Korean syllables included.";
    public static final String UPDATED_SINCE = "Only agreements changed at or after this instant (ISO 8601 with offset).";
    public static final String STATUS = "draft, signed, in_force, expired, terminated, or archived (archived agreements are "
            + "listed only with status=archived).";
    public static final String ITEM_IF_MATCH = "The ETag of the item you read (its own version), e.g. \"2\". Missing: 428; stale: 412.";
    public static final String ITEM_ETAG = "The item's own version, for If-Match and If-None-Match on the item.";
    public static final String REFERENCES = "Organizations, people and posts are officials-service ids that this service has "
            + "learned from civic.officials.v1; an unknown one is a 422 unknown-reference naming the field, and a "
            + "signatory must have held the post on signedOn. The ids in the example are placeholders: use ones the "
            + "service knows (see GET /api/v1/organizations on officials-service).";

    public static final String PARTY_RULE = "Editors of any party's jurisdiction may change the agreement, and may add a "
            + "party (a link), but changing or removing a party's entry (its role, its signatory) needs authority over that "
            + "party, and after the change the editor must still be an editor of one of its parties (403 otherwise).";

    private ApiDocs() {
    }
}
