package org.civicregistry.commons.paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.query.Where;

/**
 * What {@code count=} asks of a collection read. A total is a second query over every match, so it is
 * off unless asked for: {@code exact} reads every matching row (on a large collection with broad
 * filters, the cost of reading them all, each page again), {@code estimated} stops at {@link #BOUND}
 * and says so, for "more than 10,000 results" at the price of at most that many index entries.
 */
public enum Count {
    @JsonProperty("none")
    NONE,
    @JsonProperty("exact")
    EXACT,
    @JsonProperty("estimated")
    ESTIMATED;

    public static final int BOUND = 10_000;

    /** What the {@code count} parameter of every collection says, for its OpenAPI description. */
    public static final String DESCRIPTION = "Add the total of matching records (over all pages) to the page: exact "
            + "counts every match, a second query that costs as much as reading them all; estimated counts up to "
            + BOUND + " and then answers {\"value\": " + BOUND + ", \"relation\": \"gte\"}, a cost bounded however large "
            + "the collection. none (the default) adds nothing.";

    public static Count of(String value) {
        Count count = Params.enumValue("count", value, Count.class);
        return count == null ? NONE : count;
    }

    /**
     * The total of a JPQL collection query: {@code from} is its entity and alias ({@code Person p}, an entity with an {@code id}),
     * {@code where} its filters without the cursor. Null when none was asked for.
     */
    public Total jpql(EntityManager em, String from, Where where) {
        return switch (this) {
            case NONE -> null;
            case EXACT -> Total.of(single(where.bind(em.createQuery("select count(*) from " + from + where.jpql()))), -1);
            // A derived table that stops one row past the bound, so the count never reads further. HQL wants
            // an order for a limit in a subquery: the id, which every record has and its primary key serves.
            case ESTIMATED -> Total.of(single(where.bind(em.createQuery("select count(*) from (select 1 as one from "
                    + from + where.jpql() + " order by " + from.substring(from.lastIndexOf(' ') + 1) + ".id limit "
                    + (BOUND + 1) + ") bounded"))), BOUND);
        };
    }

    /** The same for a native SQL collection query ({@code from} is {@code event e}). */
    public Total sql(EntityManager em, String from, Where where) {
        return switch (this) {
            case NONE -> null;
            case EXACT -> Total.of(single(where.bind(em.createNativeQuery("select count(*) from " + from + where.jpql()))), -1);
            case ESTIMATED -> Total.of(single(where.bind(em.createNativeQuery("select count(*) from (select 1 from "
                    + from + where.jpql() + " limit " + (BOUND + 1) + ") bounded"))), BOUND);
        };
    }

    private static long single(Query query) {
        return ((Number) query.getSingleResult()).longValue();
    }
}
