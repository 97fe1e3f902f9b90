package org.civicregistry.agreements.programme.initiative;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.agreements.item.Items;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A numbered item of an agreement (in this service) that an initiative carries out. */
@Schema(name = "AgreementItemRef")
public record AgreementItemRef(
        @NotNull @Schema(description = "The agreement.", examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b") UUID agreementId,
        @NotNull @Min(value = Items.MIN_NUMBER, message = "must be from 1 to 999") @Max(value = Items.MAX_NUMBER, message = "must be from 1 to 999")
        @Schema(description = "The item's number in it.", examples = "1") Integer number) {
}
