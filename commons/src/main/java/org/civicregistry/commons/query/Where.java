package org.civicregistry.commons.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.Query;

import org.civicregistry.commons.record.Identifier;

/**
 * The conditions of a filtered JPQL query, each added only when its filter was given, with named
 * parameters (never concatenated values).
 */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code clause} (which uses {@code :name}) when {@code value} is not null. */
    public Where and(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
        return this;
    }

    public Where and(String clause) {
        clauses.add(clause);
        return this;
    }

    public Where param(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /** Adds a case-insensitive substring match of {@code q} on a lower-cased search column. */
    public Where contains(String column, String name, String q) {
        if (q != null) {
            and(column + " like :" + name + " escape '\\'", name, "%" + escapeLike(q.toLowerCase(Locale.ROOT)) + "%");
        }
        return this;
    }

    /**
     * Adds "the record's identifiers hold this one" when {@code identifier} is given. JPQL has no
     * {@code @>}: the SQL function {@code civic_has_identifier} of each service's schema stands for it,
     * and PostgreSQL inlines it into {@code identifiers @> ...}, which the column's GIN index serves.
     */
    public Where hasIdentifier(String column, Identifier identifier) {
        return and("function('civic_has_identifier', " + column + ", :identifier) = true", "identifier",
                identifier == null ? null : identifier.containment());
    }

    /** Hands this (sub-query's) parameters to the query it is nested in. */
    public void bindTo(Where outer) {
        outer.parameters.putAll(parameters);
    }

    public String jpql() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
