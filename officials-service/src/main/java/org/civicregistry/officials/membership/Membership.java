package org.civicregistry.officials.membership;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person's membership of an organization, usually holding one of its posts, over a period. */
@Entity
@Table(name = "membership")
public class Membership extends RecordEntity {

    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "post_id")
    public UUID postId;

    public String role;

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText label;

    @Column(name = "on_behalf_of_id")
    public UUID onBehalfOfId;

    @Column(name = "start_date")
    public PartialDate start;

    @Column(name = "end_date")
    public PartialDate end;

    /** First day the membership may cover; kept for the {@code at=} queries and the overlap constraint. */
    @Column(name = "start_on")
    public LocalDate startOn;

    /** Last day the membership may cover; null while it goes on. */
    @Column(name = "end_on")
    public LocalDate endOn;

    public boolean acting;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EndReason endReason;

    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(role == null ? "" : role);
        if (label != null) {
            text.append('\n').append(label.searchText());
        }
        return text.toString();
    }
}
