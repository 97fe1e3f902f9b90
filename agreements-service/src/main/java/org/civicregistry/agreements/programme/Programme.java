package org.civicregistry.agreements.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.civicregistry.agreements.programme.initiative.Initiative;
import org.civicregistry.agreements.programme.initiative.SubItem;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A programme: the commitments one organization (a government, a committee, a task force) has
 * published for a period. Its initiatives belong to it (jsonb), so one row lock serializes every
 * change of the programme and of its initiatives, as an agreement's items do.
 */
@Entity
@Table(name = "programme")
public class Programme extends RecordEntity {

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText title;

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText summary;

    @Enumerated(EnumType.STRING)
    public ProgrammeKind kind;

    @Enumerated(EnumType.STRING)
    public ProgrammeStatus lifecycle = ProgrammeStatus.DRAFT;

    @Column(name = "owner_id")
    public UUID ownerId;

    @Column(name = "period_start")
    public PartialDate periodStart;

    @Column(name = "period_end")
    public PartialDate periodEnd;

    @Column(name = "period_from")
    public LocalDate periodFrom;

    @Column(name = "period_to")
    public LocalDate periodTo;

    @Column(name = "announced_on")
    public PartialDate announcedOn;

    @Column(name = "announced_by")
    @JdbcTypeCode(SqlTypes.JSON)
    public Announcer announcedBy;

    @Column(name = "announcement_event_id")
    public UUID announcementEventId;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Initiative> initiatives = new ArrayList<>();

    public Period period() {
        return periodStart == null && periodEnd == null ? null : new Period(periodStart, periodEnd);
    }

    /** Keeps the columns the period filters use in step with the period. */
    public void derive() {
        periodFrom = periodStart == null ? null : periodStart.firstDay();
        periodTo = periodEnd == null ? null : periodEnd.lastDay();
    }

    /** Title, summary, initiatives and sub-items in every language, lower-cased, with the slug and sectors. */
    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(title.searchText());
        if (summary != null) {
            text.append('\n').append(summary.searchText());
        }
        for (Initiative initiative : initiatives) {
            append(text, initiative.title(), initiative.description(), initiative.sector());
            for (SubItem sub : initiative.subItems()) {
                append(text, sub.title(), sub.description(), sub.sector());
            }
        }
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static void append(StringBuilder text, LocalizedText title, LocalizedText description, String sector) {
        text.append('\n').append(title.searchText());
        if (description != null) {
            text.append('\n').append(description.searchText());
        }
        if (sector != null) {
            text.append('\n').append(sector);
        }
    }
}
