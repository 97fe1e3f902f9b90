package org.civicregistry.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.restassured.response.Response;

/** Walks a collection page by page as a client does: by the {@code Link: rel="next"} of each answer. */
public final class Paging {

    private Paging() {
    }

    /** The ids of every page's items, in order, and how many pages there were. */
    public record Walk(List<String> ids, int pages) {
    }

    /**
     * Follows the next links from {@code first}: each page answers 200, and has a next link carrying
     * its {@code nextCursor} exactly when it has one (the last page has neither).
     */
    public static Walk follow(String first) {
        List<String> seen = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            Response page = given().get(next);
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            String cursor = page.path("nextCursor");
            String link = page.header("Link");
            if (cursor == null) {
                assertThat(link).isNull();
                next = null;
            } else {
                assertThat(link).contains("rel=\"next\"").contains("cursor=" + cursor);
                next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            }
            pages++;
        }
        return new Walk(seen, pages);
    }
}
