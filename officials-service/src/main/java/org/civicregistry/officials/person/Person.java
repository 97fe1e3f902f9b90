package org.civicregistry.officials.person;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.officials.common.OtherName;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "person")
public class Person extends RecordEntity {

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "other_names")
    public List<OtherName> otherNames = new ArrayList<>();

    @Column(name = "birth_date")
    public PartialDate birthDate;

    public String image;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Contact> contacts = new ArrayList<>();

    /** The organization whose jurisdiction owns the record; null: admins only (PersonService). */
    @Column(name = "owner_organization_id")
    public UUID ownerOrganizationId;

    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(name.searchText());
        otherNames.forEach(n -> text.append('\n').append(n.name().toLowerCase(Locale.ROOT)));
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString();
    }
}
