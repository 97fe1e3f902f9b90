package org.civicregistry.commons.problem;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import org.civicregistry.commons.http.Enums;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body that cannot be read as the documented JSON: a 400 {@code malformed-body} problem that says
 * what is wrong in the client's terms (the field's JSON path, the expected kind of value, the
 * allowed values of an enum), never Jackson's Java types.
 */
@Singleton
public class JsonProblems {

    private final ProblemWriter writer;

    public JsonProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    /** The problem of any Jackson failure, also when it reaches the server wrapped in another exception. */
    Response of(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch, uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return unreadable(mapping, uri);
        }
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return writer.respond(malformedBody("The body is not valid JSON: " + e.getOriginalMessage() + ".", null, uri));
    }

    @ServerExceptionMapper
    public Response tooDeep(StreamConstraintsException e, UriInfo uri) {
        return writer.respond(malformedBody("The body exceeds a JSON limit: " + e.getOriginalMessage() + ".", null, uri));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String detail;
        if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            detail = target != null && target.isEnum()
                    ? "The value " + quote(invalid.getValue()) + " is not one of " + enumValues(target) + "."
                    : "The value " + quote(invalid.getValue()) + " is not a valid " + simpleType(target) + ".";
        } else if (field == null) {
            detail = "The body must be a JSON object of the documented shape.";
        } else {
            detail = "The field has the wrong type or shape"
                    + (e.getTargetType() != null ? " (expected " + simpleType(e.getTargetType()) + ")" : "") + ".";
        }
        return writer.respond(malformedBody(detail, field, uri));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        return writer.respond(malformedBody("The body could not be read: " + message + ".", field, uri));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return writer.respond(malformedBody("The body could not be read: " + e.getOriginalMessage() + ".", null, uri));
    }

    private static Problem malformedBody(String detail, String field, UriInfo uri) {
        List<Violation> violations = field == null ? List.of() : List.of(new Violation(field, detail));
        return new ProblemException(ProblemType.MALFORMED_BODY, detail, violations, List.of()).toProblem(ProblemWriter.path(uri));
    }

    public static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    @SuppressWarnings("unchecked")
    private static String enumValues(Class<?> enumType) {
        return Enums.wires((Class<? extends Enum<?>>) enumType).toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "date or date-time (ISO 8601)";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        return "object";
    }

    private static String quote(Object value) {
        String text = String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 60) + "…";
        }
        return "'" + text + "'";
    }
}
