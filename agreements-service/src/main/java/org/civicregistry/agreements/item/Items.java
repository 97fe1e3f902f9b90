package org.civicregistry.agreements.item;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.civicregistry.agreements.common.Numbered;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.record.PartialDate;

/** The rules of items that need more than one field: unique numbers, milestone dates in range, versions. */
public final class Items {

    public static final int MIN_NUMBER = Numbered.MIN_NUMBER;
    public static final int MAX_NUMBER = Numbered.MAX_NUMBER;
    public static final int MAX_ITEMS = 100;

    /** "Today" is a day in Korea, where the register's governments are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    private Items() {
    }

    /**
     * Checks the items of an agreement: each has a number, no number twice, milestone dates in range.
     * Every problem is reported at once, each under its JSON path ({@code items[3].number}).
     */
    public static void check(List<ItemInput> items, PartialDate signedOn, PartialDate effectiveUntil) {
        List<Violation> violations = new ArrayList<>();
        Numbered.Seen numbers = new Numbered.Seen("", "items", "item");
        for (int i = 0; i < items.size(); i++) {
            numbers.check(i, items.get(i).number(), violations);
            milestoneViolations("items[" + i + "].", items.get(i).milestones(), signedOn, effectiveUntil, violations);
        }
        Numbered.throwIfAny(violations);
    }

    /** Checks the milestones of one item written at /items/{number}: fields are relative to the item. */
    public static void checkOne(ItemInput item, PartialDate signedOn, PartialDate effectiveUntil) {
        List<Violation> violations = new ArrayList<>();
        milestoneViolations("", item.milestones(), signedOn, effectiveUntil, violations);
        Numbered.throwIfAny(violations);
    }

    /**
     * The items after a write: an item whose content did not change keeps its version, a changed one
     * gets the next, a new one starts at 1. In number order.
     */
    public static List<Item> merge(List<Item> current, List<ItemInput> inputs) {
        Map<Integer, Item> byNumber = new HashMap<>();
        current.forEach(item -> byNumber.put(item.number(), item));
        List<Item> merged = new ArrayList<>();
        for (ItemInput input : inputs) {
            merged.add(next(byNumber.get(input.number()), input.number(), input));
        }
        merged.sort(Comparator.comparingInt(Item::number));
        return merged;
    }

    /** The item {@code input} makes of {@code current} (null for a new item). */
    public static Item next(Item current, int number, ItemInput input) {
        Item candidate = new Item(number, input.title(), input.sector(), input.description(),
                input.status() == null ? ItemStatus.PLANNED : input.status(),
                input.milestones() == null ? List.of() : List.copyOf(input.milestones()), 1);
        if (current == null) {
            return candidate;
        }
        int version = candidate.sameAs(current) ? current.version() : current.version() + 1;
        return new Item(number, candidate.title(), candidate.sector(), candidate.description(), candidate.status(),
                candidate.milestones(), version);
    }

    /** Whether any item kept its number but changed its status. */
    public static boolean statusChanged(List<ItemInput> before, List<Item> after) {
        Map<Integer, ItemStatus> old = new HashMap<>();
        before.forEach(item -> old.put(item.number(), item.status() == null ? ItemStatus.PLANNED : item.status()));
        return after.stream().anyMatch(item -> old.containsKey(item.number()) && old.get(item.number()) != item.status());
    }

    /** A path parameter {number}: 1 to 999, else a 400 that names it. */
    public static int number(String value) {
        return Numbered.inPath(value, "item");
    }

    private static void milestoneViolations(String prefix, List<Milestone> milestones, PartialDate signedOn,
            PartialDate effectiveUntil, List<Violation> violations) {
        if (milestones == null) {
            return;
        }
        LocalDate today = LocalDate.now(REGISTER_ZONE);
        for (int m = 0; m < milestones.size(); m++) {
            Milestone milestone = milestones.get(m);
            String at = prefix + "milestones[" + m + "]";
            for (String field : List.of("due", "met")) {
                PartialDate date = field.equals("due") ? milestone.due() : milestone.met();
                if (date == null) {
                    continue;
                }
                if (signedOn != null && date.lastDay().isBefore(signedOn.firstDay())) {
                    violations.add(new Violation(at + "." + field, "must not be before the agreement was signed (" + signedOn + ")"));
                } else if (effectiveUntil != null && date.firstDay().isAfter(effectiveUntil.lastDay())) {
                    violations.add(new Violation(at + "." + field, "must not be after the end of the agreement's effective period ("
                            + effectiveUntil + ")"));
                } else if (field.equals("met") && date.firstDay().isAfter(today)) {
                    violations.add(new Violation(at + ".met", "must not be in the future"));
                }
            }
        }
    }

}
