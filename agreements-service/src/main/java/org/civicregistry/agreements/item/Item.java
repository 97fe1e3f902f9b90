package org.civicregistry.agreements.item;

import java.util.List;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A numbered item of an agreement, as kept (in the agreement's {@code items}) and shown. */
@Schema(name = "Item")
public record Item(
        @Schema(description = "Its number in the agreement.", examples = "1") int number,
        LocalizedText title,
        @Schema(examples = "ai_industry") String sector,
        LocalizedText description,
        ItemStatus status,
        List<Milestone> milestones,
        @Schema(description = "Bumped on every change of this item; the item's ETag.", examples = "1") int version)
        implements Localizable<Item> {

    @Override
    public Item in(String language) {
        return language == null ? this : new Item(number, title.in(language), sector,
                description == null ? null : description.in(language), status,
                milestones.stream().map(m -> m.in(language)).toList(), version);
    }

    /** The input that would produce this item. */
    public ItemInput input() {
        return new ItemInput(number, title, sector, description, status, milestones);
    }

    /** Whether the input says the same as this item (so its version stays). */
    boolean sameAs(Item other) {
        return number == other.number && title.equals(other.title) && java.util.Objects.equals(sector, other.sector)
                && java.util.Objects.equals(description, other.description) && status == other.status
                && milestones.equals(other.milestones);
    }
}
