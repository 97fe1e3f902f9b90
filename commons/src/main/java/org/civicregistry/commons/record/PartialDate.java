package org.civicregistry.commons.record;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A date known to the year, the month or the day ({@code 2019}, {@code 2019-12}, {@code 2019-12-26}),
 * as history often is, or only its bounds: an interval {@code 2022-07-01/2023-05-11} (ISO 8601-2,
 * EDTF level 0) for "some day between", as when a source says only that an agreement came after
 * one event and before another. Compared through the first and last day it may stand for.
 */
@Schema(name = "PartialDate", type = SchemaType.STRING,
        pattern = "^\\d{4}(-\\d{2}(-\\d{2})?)?(/\\d{4}(-\\d{2}(-\\d{2})?)?)?$",
        description = "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD; or, when only its bounds "
                + "are known, an interval of two such dates, START/END (ISO 8601-2), e.g. 2022-07-01/2023-05-11.",
        example = "2022-07-01")
public final class PartialDate implements Comparable<PartialDate> {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final String SHAPES = "must be a date YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates START/END";

    private final String text;
    private final LocalDate first;
    private final LocalDate last;

    private PartialDate(String text, LocalDate first, LocalDate last) {
        this.text = text;
        this.first = first;
        this.last = last;
    }

    @JsonCreator
    public static PartialDate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(SHAPES);
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return single(text);
        }
        PartialDate start = single(text.substring(0, slash));
        PartialDate end = single(text.substring(slash + 1));
        if (end.last.isBefore(start.first)) {
            throw new IllegalArgumentException("'" + text + "' ends before it starts");
        }
        return new PartialDate(text, start.first, end.last);
    }

    private static PartialDate single(String text) {
        if (!SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException(SHAPES);
        }
        try {
            return switch (text.length()) {
                case 4 -> {
                    Year year = Year.parse(text);
                    yield new PartialDate(text, year.atDay(1), year.atMonth(12).atEndOfMonth());
                }
                case 7 -> {
                    YearMonth month = YearMonth.parse(text);
                    yield new PartialDate(text, month.atDay(1), month.atEndOfMonth());
                }
                default -> {
                    LocalDate day = LocalDate.parse(text);
                    yield new PartialDate(text, day, day);
                }
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a real date");
        }
    }

    public static PartialDate of(LocalDate day) {
        return parse(day.toString());
    }

    /** The first day this date may stand for: 2019 → 2019-01-01. */
    public LocalDate firstDay() {
        return first;
    }

    /** The last day this date may stand for: 2019-12 → 2019-12-31. */
    public LocalDate lastDay() {
        return last;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(PartialDate other) {
        int byFirst = first.compareTo(other.first);
        return byFirst != 0 ? byFirst : last.compareTo(other.last);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartialDate other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
