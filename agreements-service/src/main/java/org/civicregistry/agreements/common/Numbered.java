package org.civicregistry.agreements.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;

/**
 * The numbered parts of a record (an agreement's items, a programme's initiatives and their
 * sub-items): numbers 1 to 999, each once, checked and reported the same way wherever they appear.
 */
public final class Numbered {

    public static final int MIN_NUMBER = 1;
    public static final int MAX_NUMBER = 999;

    private Numbered() {
    }

    /**
     * The numbers of one list seen so far: {@link #check} adds a violation under
     * {@code prefix + array + "[i].number"} for a part without a number and for a number used twice
     * ({@code "initiative number 3 is already used by initiatives[0]"}), in the order of the parts.
     */
    public static final class Seen {

        private final String prefix;
        private final String array;
        private final String what;
        private final Map<Integer, Integer> firstAt = new HashMap<>();

        public Seen(String prefix, String array, String what) {
            this.prefix = prefix;
            this.array = array;
            this.what = what;
        }

        public void check(int index, Integer number, List<Violation> violations) {
            String at = prefix + array + "[" + index + "].number";
            if (number == null) {
                violations.add(new Violation(at, "is required"));
                return;
            }
            Integer other = firstAt.putIfAbsent(number, index);
            if (other != null) {
                violations.add(new Violation(at, what + " number " + number + " is already used by " + array + "[" + other + "]"));
            }
        }
    }

    /** A path parameter {number}: 1 to 999, else a 400 that names it. */
    public static int inPath(String value, String what) {
        try {
            int number = Integer.parseInt(value == null ? "" : value.strip());
            if (number >= MIN_NUMBER && number <= MAX_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter("number", "must be " + ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what
                + " number from 1 to 999");
    }

    /** One 400 with every violation found, so a client fixes them all at once. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, violations.size() == 1 ? "The request has 1 invalid field."
                    : "The request has " + violations.size() + " invalid fields.", violations, List.of());
        }
    }
}
