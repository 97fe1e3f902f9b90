package org.civicregistry.officials.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.officials.common.OtherName;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "organization")
public class Organization extends RecordEntity {

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "other_names")
    public List<OtherName> otherNames = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public Classification classification;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "division_id")
    public String divisionId;

    @Column(name = "founded_on")
    public PartialDate foundedOn;

    @Column(name = "dissolved_on")
    public PartialDate dissolvedOn;

    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(name.searchText());
        otherNames.forEach(n -> text.append('\n').append(n.name().toLowerCase(java.util.Locale.ROOT)));
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString();
    }
}
