package org.civicregistry.commons.security;

/** Roles from the token's standard {@code groups} claim. */
public final class Roles {

    /** May write the records owned by the organizations in its {@code jurisdictions} claim, and their descendants. */
    public static final String EDITOR = "editor";
    /** May write every record, and restore archived ones. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
