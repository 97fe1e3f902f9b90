package org.civicregistry.testsupport;

import io.restassured.specification.RequestSpecification;

/**
 * The rows of the authorization matrix: who sends a write. The first nine carry no valid identity
 * (401); the others are valid editors or an admin.
 */
public enum Caller {

    NO_TOKEN, EXPIRED, NOT_YET_VALID, BAD_SIGNATURE, WRONG_ISSUER, ALG_NONE, HS256_WITH_PUBLIC_KEY,
    /** A valid token meant for another API. */
    WRONG_AUDIENCE,
    /** A valid, unexpired token issued longer ago than the services accept. */
    TOO_OLD,
    /** An editor whose jurisdictions do not include the record's. */
    OTHER_EDITOR,
    /** An editor of the record's jurisdiction. */
    RECORD_EDITOR,
    ADMIN;

    /** True for the callers the services must not authenticate at all. */
    public boolean unauthenticated() {
        return ordinal() < OTHER_EDITOR.ordinal();
    }

    /** The bearer token, or null for none. */
    public String token(String recordJurisdiction, String otherJurisdiction) {
        return switch (this) {
            case NO_TOKEN -> null;
            case EXPIRED -> Tokens.expiredAdmin();
            case NOT_YET_VALID -> Tokens.notYetValid();
            case BAD_SIGNATURE -> Tokens.signedWithOtherKey();
            case WRONG_ISSUER -> Tokens.adminFromIssuer("someone-else");
            case ALG_NONE -> Tokens.algNone();
            case HS256_WITH_PUBLIC_KEY -> Tokens.hs256WithPublicKey();
            case WRONG_AUDIENCE -> Tokens.adminForOtherAudience();
            case TOO_OLD -> Tokens.tooOldAdmin();
            case OTHER_EDITOR -> Tokens.editor(otherJurisdiction);
            case RECORD_EDITOR -> Tokens.editor(recordJurisdiction);
            case ADMIN -> Tokens.admin();
        };
    }

    /** Sets this caller's Authorization header (or none) on a request. */
    public RequestSpecification on(RequestSpecification request, String recordJurisdiction, String otherJurisdiction) {
        String token = token(recordJurisdiction, otherJurisdiction);
        return token == null ? request : request.auth().oauth2(token);
    }

    /** Who may perform an operation once authenticated. */
    public enum Access {
        /** Editors of the record's jurisdictions, and admins. */
        JURISDICTION,
        /** Any editor, and admins: a record that has no jurisdiction yet (a new person). */
        ANY_EDITOR,
        /** Admins only. */
        ADMIN
    }

    /**
     * The status a write must get: 401 without a valid identity, 403 for an editor the operation is
     * not open to, else {@code success}.
     */
    public int expected(int success, Access access) {
        if (unauthenticated()) {
            return 401;
        }
        boolean refused = switch (this) {
            case OTHER_EDITOR -> access != Access.ANY_EDITOR;
            case RECORD_EDITOR -> access == Access.ADMIN;
            default -> false;
        };
        return refused ? 403 : success;
    }
}
