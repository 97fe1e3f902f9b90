package org.civicregistry.commons.paging;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** A page as a response, with a {@code Link: <...>; rel="next"} header that keeps the request's filters. */
public final class PagedResponse {

    private PagedResponse() {
    }

    public static Response of(Page<?> page, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page);
        if (page.nextCursor() != null) {
            // Relative, so it stays right behind the gateway or any other proxy.
            java.net.URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build();
            response.links(Link.fromUri(next.getRawPath() + "?" + next.getRawQuery()).rel("next").build());
        }
        return response.build();
    }
}
