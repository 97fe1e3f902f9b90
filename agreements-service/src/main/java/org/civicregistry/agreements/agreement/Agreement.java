package org.civicregistry.agreements.agreement;

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

import org.civicregistry.agreements.item.Item;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An agreement between governments or public bodies. Parties and items belong to it (jsonb), so
 * one row lock serializes every change of the agreement and of its items; the id arrays beside them
 * serve the party=, signatory=, post= and sector= filters.
 */
@Entity
@Table(name = "agreement")
public class Agreement extends RecordEntity {

    /** The signing-order key of an agreement not signed yet: after every signed one. */
    public static final LocalDate UNSIGNED = LocalDate.of(9999, 12, 31);

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText title;

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText summary;

    @Enumerated(EnumType.STRING)
    public AgreementKind kind;

    @Enumerated(EnumType.STRING)
    public AgreementStatus lifecycle = AgreementStatus.DRAFT;

    @Column(name = "signed_on")
    public PartialDate signedOn;

    @Column(name = "signed_from")
    public LocalDate signedFrom;

    @Column(name = "signed_to")
    public LocalDate signedTo;

    @Column(name = "signing_order")
    public LocalDate signingOrder = UNSIGNED;

    @JdbcTypeCode(SqlTypes.JSON)
    public Place place;

    @Column(name = "effective_from")
    public PartialDate effectiveFrom;

    @Column(name = "effective_until")
    public PartialDate effectiveUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Party> parties = new ArrayList<>();

    @Column(name = "party_ids")
    public UUID[] partyIds = new UUID[0];

    @Column(name = "signatory_ids")
    public UUID[] signatoryIds = new UUID[0];

    @Column(name = "signatory_post_ids")
    public UUID[] signatoryPostIds = new UUID[0];

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Item> items = new ArrayList<>();

    @Column(name = "item_sectors")
    public String[] itemSectors = new String[0];

    @JdbcTypeCode(SqlTypes.JSON)
    public List<SourceRef> documents = new ArrayList<>();

    @Column(name = "amends_id")
    public UUID amendsId;

    @Column(name = "supersedes_id")
    public UUID supersedesId;

    @Column(name = "signing_event_id")
    public UUID signingEventId;

    /** The status the API shows: the lifecycle state, or archived. */
    public AgreementStatus publicStatus() {
        return archived() ? AgreementStatus.ARCHIVED : lifecycle;
    }

    /** Keeps the columns derived from signedOn, parties and items in step with them. */
    public void derive() {
        signedFrom = signedOn == null ? null : signedOn.firstDay();
        signedTo = signedOn == null ? null : signedOn.lastDay();
        signingOrder = signedFrom == null ? UNSIGNED : signedFrom;
        partyIds = parties.stream().map(Party::organizationId).distinct().toArray(UUID[]::new);
        signatoryIds = parties.stream().filter(p -> p.signatory() != null).map(p -> p.signatory().personId()).distinct()
                .toArray(UUID[]::new);
        signatoryPostIds = parties.stream().filter(p -> p.signatory() != null).map(p -> p.signatory().postId()).distinct()
                .toArray(UUID[]::new);
        itemSectors = items.stream().map(Item::sector).filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
    }

    /** Titles, summary and items in every language, lower-cased, with the slug and sectors. */
    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(title.searchText());
        if (summary != null) {
            text.append('\n').append(summary.searchText());
        }
        for (Item item : items) {
            text.append('\n').append(item.title().searchText());
            if (item.description() != null) {
                text.append('\n').append(item.description().searchText());
            }
            if (item.sector() != null) {
                text.append('\n').append(item.sector());
            }
        }
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
