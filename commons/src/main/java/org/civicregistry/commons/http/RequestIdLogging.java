package org.civicregistry.commons.http;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the request's {@code X-Request-Id} (the gateway sets one on every request) into the logging
 * context as {@code requestId}, so every line a request logs names it: the text format prints it, a
 * JSON line has it under {@code mdc}. Quarkus keeps the MDC in the request's Vert.x context, so it
 * follows the request from thread to thread and goes with it.
 */
public class RequestIdLogging {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** What an id may be: nothing that could break a log line or a header. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static boolean sane(String id) {
        return id != null && SANE.matcher(id).matches();
    }

    @ServerRequestFilter(preMatching = true)
    public void remember(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (sane(id)) {
            MDC.put(MDC_KEY, id);
        } else {
            MDC.remove(MDC_KEY);
        }
    }
}
