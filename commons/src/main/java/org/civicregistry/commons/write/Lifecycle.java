package org.civicregistry.commons.write;

import java.util.Collection;
import java.util.List;

import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;

/**
 * The states of a record's lifecycle (an agreement's, an event's): each says which it may move
 * to, so the rules of a transition and the problem a forbidden one gets are written once.
 *
 * @param <S> the enum of states
 */
public interface Lifecycle<S extends Enum<S> & Lifecycle<S>> {

    /** The states this one may move to, in a stable order; empty for a final one. */
    Collection<S> next();

    default boolean canMoveTo(S target) {
        return next().contains(target);
    }

    default boolean isFinal() {
        return next().isEmpty();
    }

    /** The wire names of {@link #next()}, for the {@code allowed} member of an invalid-transition problem. */
    default List<String> allowed() {
        return next().stream().map(Enums::wire).toList();
    }

    default String wire() {
        return Enums.wire((Enum<?>) this);
    }

    /** The move from {@code from} to {@code to}, refused with 409 {@code invalid-transition} unless allowed. */
    static <S extends Enum<S> & Lifecycle<S>> void requireMove(String kind, S from, S to) {
        if (!from.canMoveTo(to)) {
            throw invalidTransition(kind, from, to);
        }
    }

    /** The problem of a forbidden move: what the record is, and where it may go instead ({@code allowed}). */
    static <S extends Enum<S> & Lifecycle<S>> ProblemException invalidTransition(String kind, S from, S to) {
        String detail = from.isFinal()
                ? "The " + kind + " is " + from.wire() + ", and " + from.wire() + " is final: it does not change status any more."
                : article(kind) + " " + kind + " cannot move from " + from.wire() + " to " + to.wire() + "; from " + from.wire()
                        + " it may become " + String.join(", ", from.allowed()) + ".";
        return new ProblemException(ProblemType.INVALID_TRANSITION, detail,
                List.of(new Violation("status", "cannot move from " + from.wire() + " to " + to.wire())), from.allowed());
    }

    private static String article(String kind) {
        return "aeiou".indexOf(Character.toLowerCase(kind.charAt(0))) >= 0 ? "An" : "A";
    }
}
