package org.civicregistry.commons.problem;

import java.util.List;

/** Thrown anywhere in a request to answer with a problem; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;
    private final List<String> allowed;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations, List<String> allowed) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.allowed = List.copyOf(allowed);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No " + what + " with id " + id + ".");
    }

    /** A request whose fields are each fine, but one names a record this service does not know. */
    public static ProblemException unknownReference(String field, Object value) {
        return new ProblemException(ProblemType.UNKNOWN_REFERENCE,
                "The field '" + field + "' references a record that does not exist: " + value + ".",
                List.of(new Violation(field, "unknown reference " + value)), List.of());
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, "The request has 1 invalid field.",
                List.of(new Violation(field, message)), List.of());
    }

    public static ProblemException badParameter(String parameter, String message) {
        return new ProblemException(ProblemType.BAD_PARAMETER,
                "The parameter '" + parameter + "' is invalid: " + message + ".",
                List.of(new Violation(parameter, message)), List.of());
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem(String instance) {
        // An invalid transition always says where the record may go, even nowhere (a final state).
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), instance,
                violations.isEmpty() ? null : violations,
                type == ProblemType.INVALID_TRANSITION || !allowed.isEmpty() ? allowed : null);
    }
}
