package org.civicregistry.commons.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into an RFC 9457 problem: the platform's own ({@link ProblemException}),
 * validation, security, database and HTTP failures here, unreadable bodies in {@link JsonProblems}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemWriter writer;
    private final JsonProblems json;

    public ProblemMappers(ProblemWriter writer, JsonProblems json) {
        this.writer = writer;
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = writer.respond(e.toProblem(ProblemWriter.path(uri)));
        // every 503 the platform raises itself is a moment's wait (a download slot, the stream catching up)
        return e.type() == ProblemType.UNAVAILABLE
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "5").build()
                : response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        String detail = violations.size() == 1 ? "The request has 1 invalid field."
                : "The request has " + violations.size() + " invalid fields.";
        return writer.respond(new ProblemException(ProblemType.VALIDATION, detail, violations, List.of()).toProblem(ProblemWriter.path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorizedResponse(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return writer.respond(new ProblemException(ProblemType.FORBIDDEN,
                "Your token does not allow this operation.").toProblem(ProblemWriter.path(uri)));
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        SQLException sql = find(e, SQLException.class);
        if (sql != null && "23505".equals(sql.getSQLState())) {
            return writer.respond(new ProblemException(ProblemType.CONFLICT,
                    "A record with the same unique value already exists" + pgDetail(sql) + ".").toProblem(ProblemWriter.path(uri)));
        }
        if (sql != null && "23P01".equals(sql.getSQLState())) {
            return writer.respond(new ProblemException(ProblemType.CONFLICT,
                    "The change conflicts with an existing record (overlapping period).").toProblem(ProblemWriter.path(uri)));
        }
        return internal(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        JsonProcessingException unreadable = find(e, JsonProcessingException.class);
        if (unreadable != null) {
            return json.of(unreadable, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED_BODY;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (type == null) {
            return status >= 500 ? internal(e, uri) : writer.respond(new Problem(null, "HTTP " + status, status,
                    e.getMessage(), ProblemWriter.path(uri), null, null));
        }
        String detail = switch (type) {
            case NOT_FOUND -> "Nothing is found at " + ProblemWriter.path(uri) + ".";
            case METHOD_NOT_ALLOWED -> "This resource does not support that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json (or application/merge-patch+json for PATCH).";
            case NOT_ACCEPTABLE -> "This resource answers only with the documented media types.";
            case MALFORMED_BODY -> "The request could not be read.";
            default -> type.title() + ".";
        };
        Response response = writer.respond(new ProblemException(type, detail).toProblem(ProblemWriter.path(uri)));
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        // a failed commit carries the driver's exception as a suppressed one, not as the cause
        SQLException sql = findWithSuppressed(e, SQLException.class, 0);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.equals("22P05") || state.equals("22021")) {
            // PostgreSQL stores no NUL (U+0000) in text or jsonb, wherever in the request it came from; nothing was written
            return writer.respond(new ProblemException(ProblemType.VALIDATION,
                    "Text must not contain the NUL character (U+0000).").toProblem(ProblemWriter.path(uri)));
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            // the database connection was lost or the server is going down: nothing was committed, and a retry may work
            LOG.warnf("Database unavailable on %s: %s", ProblemWriter.path(uri), sql.getMessage());
            return Response.fromResponse(writer.respond(new ProblemException(ProblemType.UNAVAILABLE,
                    "The database is unavailable; nothing was changed. Retry in a moment.").toProblem(ProblemWriter.path(uri))))
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        }
        LOG.errorf(e, "Unhandled failure on %s", ProblemWriter.path(uri));
        return writer.respond(new ProblemException(ProblemType.INTERNAL,
                "The request failed on the server; it has been logged.").toProblem(ProblemWriter.path(uri)));
    }

    private Response unauthorizedResponse(UriInfo uri) {
        return Response.fromResponse(writer.respond(new ProblemException(ProblemType.UNAUTHORIZED,
                        "This operation needs a valid bearer token (JWT).").toProblem(ProblemWriter.path(uri))))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** {@code create.input.name.ko} → {@code name.ko}; query parameters keep their own name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        boolean sawParameter = false;
        ElementKind last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getKind();
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                sawParameter = true;
                names.clear();
                names.add(node.getName());
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "." + node.getKey());
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        // A body parameter's own name is not part of the JSON path, and the body itself is "body".
        if (sawParameter && names.size() > 1) {
            names.remove(0);
        } else if (last == ElementKind.PARAMETER) {
            return "body";
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    private static String pgDetail(SQLException e) {
        // PostgreSQL says e.g. "Key (slug)=(gwangju) already exists."; the key names are API field names.
        String message = e.getMessage();
        int at = message == null ? -1 : message.indexOf("Key (");
        if (at < 0) {
            return "";
        }
        String detail = message.substring(at).replace("\n", " ").trim();
        int end = detail.indexOf(')');
        return end > 0 ? ": " + detail.substring(5, end) : "";
    }

    private static <T extends Throwable> T findWithSuppressed(Throwable e, Class<T> type, int depth) {
        for (Throwable t = e; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                T found = findWithSuppressed(suppressed, type, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
