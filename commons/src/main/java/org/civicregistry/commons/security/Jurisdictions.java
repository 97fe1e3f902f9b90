package org.civicregistry.commons.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The jurisdiction rule of writes: an admin writes anything; an editor writes a record only when one
 * of the organizations that own it (with their ancestors, as the service resolves them) is in the
 * editor's {@code jurisdictions} claim, a list of organization slugs. Ownership comes only from the
 * record's own place (its organization, parent, organizer, parties, owner), never from records that
 * link to it: a link another jurisdiction's editor makes must not hand them the linked record.
 */
@RequestScoped
public class Jurisdictions {

    public static final String CLAIM = "jurisdictions";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Jurisdictions(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** The organization slugs the caller may write for; empty for an admin (who needs none). */
    public Set<String> granted() {
        Set<String> slugs = new LinkedHashSet<>();
        Object claim = token.getClaim(CLAIM);
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    slugs.add(string.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> slugs.add(String.valueOf(v).replace("\"", "")));
        } else if (claim instanceof JsonString string) {
            slugs.add(string.getString());
        } else if (claim instanceof String string) {
            slugs.add(string);
        }
        return slugs;
    }

    /** For what only an admin may do, such as restoring an archived record. */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an admin may " + what + ".");
        }
    }

    /**
     * @param recordJurisdictions the slugs of the organizations that own the record, ancestors
     *                            included; empty for a record no jurisdiction owns (admins only)
     * @param what                the record, for the message ("organization gwangju")
     */
    public void requireWrite(Collection<String> recordJurisdictions, String what) {
        if (isAdmin()) {
            return;
        }
        if (!identity.hasRole(Roles.EDITOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Writing needs the role editor or admin.");
        }
        Set<String> granted = granted();
        if (recordJurisdictions.stream().noneMatch(granted::contains)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Your token grants the jurisdictions " + new TreeSet<>(granted)
                    + ", but " + what + " is owned by " + (recordJurisdictions.isEmpty() ? "no jurisdiction (admin only)"
                            : new TreeSet<>(recordJurisdictions)) + ".");
        }
    }
}
