package org.civicregistry.agreements.programme.initiative;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A numbered initiative of a programme, as kept (in the programme's {@code initiatives}) and shown. */
@Schema(name = "Initiative")
public record Initiative(
        @Schema(description = "Its number in the programme.", examples = "5") int number,
        LocalizedText title,
        LocalizedText description,
        @Schema(examples = "industry") String sector,
        UUID leadOrganizationId,
        InitiativeStatus status,
        @Schema(description = "Progress in percent, 0 to 100; null while unknown.", examples = "40") Integer progress,
        List<Target> targets,
        Budget budget,
        List<AgreementItemRef> agreementItems,
        List<UUID> eventIds,
        List<SubItem> subItems,
        @Schema(description = "Progress reports, oldest first; append-only.") List<Report> reports,
        @Schema(description = "Bumped on every change of this initiative, reports included; the initiative's ETag.", examples = "1")
        int version) implements Localizable<Initiative> {

    @Override
    public Initiative in(String language) {
        return language == null ? this : new Initiative(number, title.in(language), description == null ? null : description.in(language),
                sector, leadOrganizationId, status, progress, targets.stream().map(t -> t.in(language)).toList(), budget, agreementItems,
                eventIds, subItems.stream().map(s -> s.in(language)).toList(), reports.stream().map(r -> r.in(language)).toList(), version);
    }

    /** The input that would produce this initiative (its reports aside). */
    public InitiativeInput input() {
        return new InitiativeInput(number, title, description, sector, leadOrganizationId, status, progress, targets, budget,
                agreementItems, eventIds, subItems);
    }

    /** This initiative with one more report, which sets its status and (when it gives one) its progress. */
    Initiative reported(Report report) {
        List<Report> all = new ArrayList<>(reports);
        all.add(report);
        return new Initiative(number, title, description, sector, leadOrganizationId, report.status(),
                report.progress() != null ? report.progress() : progress, targets, budget, agreementItems, eventIds, subItems,
                List.copyOf(all), version + 1);
    }

    /** Whether the written fields say the same (so the version stays). */
    boolean sameAs(Initiative other) {
        return number == other.number && title.equals(other.title) && Objects.equals(description, other.description)
                && Objects.equals(sector, other.sector) && Objects.equals(leadOrganizationId, other.leadOrganizationId)
                && status == other.status && Objects.equals(progress, other.progress) && targets.equals(other.targets)
                && Objects.equals(budget, other.budget) && agreementItems.equals(other.agreementItems)
                && eventIds.equals(other.eventIds) && subItems.equals(other.subItems);
    }
}
