package org.civicregistry.agreements.programme.initiative;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.civicregistry.agreements.common.Numbered;
import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;

/**
 * The rules of initiatives that need more than one field: unique numbers (theirs and their
 * sub-items'), reports kept, versions. The bounds follow the agreements' items.
 */
public final class Initiatives {

    public static final int MIN_NUMBER = Numbered.MIN_NUMBER;
    public static final int MAX_NUMBER = Numbered.MAX_NUMBER;
    public static final int MAX_INITIATIVES = 100;
    public static final int MAX_SUB_ITEMS = 50;
    /**
     * Reports per initiative: a monthly report for sixteen years. Reports only grow, so they get a
     * bound of their own; the whole programme is still held to the 1 MiB of every record
     * ({@code ChangeRecorder}), which refuses a report that would pass it.
     */
    public static final int MAX_REPORTS = 200;

    private Initiatives() {
    }

    /**
     * Checks a programme's initiatives: each has a number, no number twice, no sub-item number twice
     * within an initiative. Every problem is reported at once, each under its JSON path.
     */
    public static void check(List<InitiativeInput> initiatives) {
        List<Violation> violations = new ArrayList<>();
        Numbered.Seen numbers = new Numbered.Seen("", "initiatives", "initiative");
        for (int i = 0; i < initiatives.size(); i++) {
            numbers.check(i, initiatives.get(i).number(), violations);
            subItemViolations("initiatives[" + i + "].", initiatives.get(i).subItems(), violations);
        }
        Numbered.throwIfAny(violations);
    }

    /** Checks one initiative written at /initiatives/{number}: fields are relative to the initiative. */
    public static void checkOne(InitiativeInput initiative) {
        List<Violation> violations = new ArrayList<>();
        subItemViolations("", initiative.subItems(), violations);
        Numbered.throwIfAny(violations);
    }

    /**
     * The initiatives after a write of the whole list: an unchanged one keeps its version, a changed
     * one gets the next, a new one starts at 1, and each keeps its reports. One that has reports cannot
     * be left out: reports are never removed (set its status to dropped instead).
     */
    public static List<Initiative> merge(List<Initiative> current, List<InitiativeInput> inputs) {
        Set<Integer> kept = inputs.stream().map(InitiativeInput::number).collect(Collectors.toSet());
        List<Violation> dropped = current.stream().filter(i -> !i.reports().isEmpty() && !kept.contains(i.number()))
                .map(i -> new Violation("initiatives", "initiative " + i.number() + " has progress reports, which are never "
                        + "removed; keep it (its status may be dropped)")).toList();
        if (!dropped.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "An initiative with progress reports cannot be removed.", dropped,
                    List.of());
        }
        Map<Integer, Initiative> byNumber = new HashMap<>();
        current.forEach(i -> byNumber.put(i.number(), i));
        List<Initiative> merged = new ArrayList<>();
        for (InitiativeInput input : inputs) {
            merged.add(next(byNumber.get(input.number()), input.number(), input));
        }
        merged.sort(Comparator.comparingInt(Initiative::number));
        return List.copyOf(merged);
    }

    /** The initiative {@code input} makes of {@code current} (null for a new one), its reports kept. */
    public static Initiative next(Initiative current, int number, InitiativeInput input) {
        List<SubItem> subItems = input.subItems() == null ? List.of()
                : input.subItems().stream().map(SubItem::withDefaults).sorted(Comparator.comparingInt(SubItem::number)).toList();
        Initiative candidate = new Initiative(number, input.title(), input.description(), input.sector(), input.leadOrganizationId(),
                input.status() == null ? InitiativeStatus.PLANNED : input.status(), input.progress(),
                input.targets() == null ? List.of() : List.copyOf(input.targets()), input.budget(),
                input.agreementItems() == null ? List.of() : List.copyOf(input.agreementItems()),
                input.eventIds() == null ? List.of() : List.copyOf(input.eventIds()), subItems,
                current == null ? List.of() : current.reports(), 1);
        if (current == null) {
            return candidate;
        }
        int version = candidate.sameAs(current) ? current.version() : current.version() + 1;
        return new Initiative(number, candidate.title(), candidate.description(), candidate.sector(), candidate.leadOrganizationId(),
                candidate.status(), candidate.progress(), candidate.targets(), candidate.budget(), candidate.agreementItems(),
                candidate.eventIds(), candidate.subItems(), candidate.reports(), version);
    }

    /** Whether any initiative kept its number but changed its status. */
    public static boolean statusChanged(List<InitiativeInput> before, List<Initiative> after) {
        Map<Integer, InitiativeStatus> old = new HashMap<>();
        before.forEach(i -> old.put(i.number(), i.status() == null ? InitiativeStatus.PLANNED : i.status()));
        return after.stream().anyMatch(i -> old.containsKey(i.number()) && old.get(i.number()) != i.status());
    }

    /** How many initiatives stand at each status, every status listed (zero included), in the scale's order. */
    public static Map<String, Integer> statusCounts(List<Initiative> initiatives) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (InitiativeStatus status : InitiativeStatus.values()) {
            counts.put(Enums.wire(status), 0);
        }
        initiatives.forEach(i -> counts.merge(Enums.wire(i.status()), 1, Integer::sum));
        return counts;
    }

    /** A path parameter {number}: 1 to 999, else a 400 that names it. */
    public static int number(String value) {
        return Numbered.inPath(value, "initiative");
    }

    private static void subItemViolations(String prefix, List<SubItem> subItems, List<Violation> violations) {
        if (subItems == null) {
            return;
        }
        Numbered.Seen numbers = new Numbered.Seen(prefix, "subItems", "sub-item");
        for (int s = 0; s < subItems.size(); s++) {
            numbers.check(s, subItems.get(s).number(), violations);
        }
    }
}
