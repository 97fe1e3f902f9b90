package org.civicregistry.commons.http;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;

/**
 * Parses path and query parameters taken as strings, so that a bad value is a 400 problem that
 * names the parameter (JAX-RS would answer a failed conversion with a bare 404).
 */
public final class Params {

    private Params() {
    }

    public static UUID id(String value) {
        return uuid("id", value);
    }

    /** What the {@code id} filter of every collection says, for its OpenAPI parameter. */
    public static final String IDS = "Only the records with these ids, repeated (?id=…&id=…): one request for the "
            + "records a client needs next, instead of one each. At most " + PageRequest.DEFAULT_LIMIT + " ids, as many as "
            + "one page holds by default; the other filters (status=, too) still apply, and ids of no record are left out.";

    /** The repeated {@code id} filter: null when absent; at most one default page of them, each a UUID. */
    public static List<UUID> ids(String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > PageRequest.DEFAULT_LIMIT) {
            throw ProblemException.badParameter(name, "at most " + PageRequest.DEFAULT_LIMIT + " ids in one request");
        }
        return values.stream().map(value -> uuid(name, value == null ? null : value.strip())).distinct().toList();
    }

    public static UUID uuid(String name, String value) {
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter(name, "must be a UUID such as 0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b");
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "must be a date YYYY-MM-DD between 0001-01-01 and 9999-12-31");
        }
    }

    public static OffsetDateTime dateTime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value.strip());
            if (time.getYear() < 1 || time.getYear() > 9999) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return time;
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "must be an ISO 8601 date-time with offset, such as 2023-10-12T17:00:00+09:00");
        }
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter(name, "must be a whole number from " + min + " to " + max);
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.badParameter(name, "must be true or false");
        };
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (Enums.wire(constant).equals(value.strip())) {
                return constant;
            }
        }
        throw ProblemException.badParameter(name, "must be one of " + Enums.wires(type));
    }

    /** Free-text search: trimmed, at most 200 characters, no control characters. */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > 200) {
            throw ProblemException.badParameter(name, "must be at most 200 characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badParameter(name, "must not contain control characters");
        }
        return text;
    }
}
