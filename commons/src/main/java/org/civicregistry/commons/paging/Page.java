package org.civicregistry.commons.paging;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.civicregistry.commons.readmodel.Included;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a collection; {@code nextCursor} is absent on the last page, {@code total} and
 * {@code included} unless asked for.
 */
public record Page<T>(
        @Schema(description = "The items of this page, in the collection's stable order.") List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page.",
                examples = "YzEfMDE5MzRhYjAtN2QxZS03YzNhLWI2ZjAtM2U4ZDJhOWYxYzVk") String nextCursor,
        @JsonInclude(JsonInclude.Include.NON_NULL) Total total,
        @JsonInclude(JsonInclude.Include.NON_NULL) Included included) {

    public Page(List<T> items, String nextCursor) {
        this(items, nextCursor, null, null);
    }

    /**
     * Builds a page from a query that fetched one row more than {@code limit}: the extra row only
     * tells there is a next page.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, T> view, Function<E, String> cursorOf) {
        boolean more = fetched.size() > limit;
        List<E> rows = more ? fetched.subList(0, limit) : fetched;
        String next = more ? cursorOf.apply(rows.get(rows.size() - 1)) : null;
        return new Page<>(rows.stream().map(view).toList(), next);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor, total, included);
    }

    /** This page with the total of its collection request ({@link Count}), null when none was asked for. */
    public Page<T> with(Total total) {
        return new Page<>(items, nextCursor, total, included);
    }

    /** This page with the linked records its items name ({@code include=}), null when none were asked for. */
    public Page<T> with(Included included) {
        return new Page<>(items, nextCursor, total, included);
    }
}
