package org.civicregistry.officials.post;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An office within an organization that one person holds at a time: governor, mayor, chair. */
@Entity
@Table(name = "post")
public class Post extends RecordEntity {

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText label;

    public String role;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "start_date")
    public PartialDate start;

    @Column(name = "end_date")
    public PartialDate end;

    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(label.searchText());
        if (role != null) {
            text.append('\n').append(role);
        }
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString();
    }
}
