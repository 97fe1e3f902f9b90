package org.civicregistry.events.event;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an event takes place. Coordinates are WGS 84, given together or not at all. */
@Schema(name = "Location")
public record Location(
        @NotNull @ValidText(max = 300) @Schema(description = "Name of the place, by language.",
                example = "{\"ko\": \"국립5·18민주묘지\", \"en\": \"National May 18 Democratic Cemetery\"}") LocalizedText name,
        @ValidText(required = false) @Schema(description = "Postal address, by language.",
                example = "{\"ko\": \"광주광역시 북구 민주로 200\", \"en\": \"200 Minju-ro, Buk-gu, Gwangju\"}") LocalizedText address,
        @DecimalMin(value = "-90", message = "must be a latitude from -90 to 90")
        @DecimalMax(value = "90", message = "must be a latitude from -90 to 90")
        @Schema(description = "Latitude (WGS 84).", examples = "35.2385") BigDecimal lat,
        @DecimalMin(value = "-180", message = "must be a longitude from -180 to 180")
        @DecimalMax(value = "180", message = "must be a longitude from -180 to 180")
        @Schema(description = "Longitude (WGS 84).", examples = "126.9398") BigDecimal lon) {

    public Location in(String language) {
        return language == null ? this
                : new Location(name.in(language), address == null ? null : address.in(language), lat, lon);
    }

    /** Name and address in one line, for a calendar's LOCATION. */
    public String oneLine() {
        String first = name.values().values().stream().findFirst().orElse("");
        String where = address == null ? null : address.values().values().stream().findFirst().orElse(null);
        return where == null || where.isBlank() ? first : first + ", " + where;
    }

    String searchText() {
        return name.searchText() + (address == null ? "" : "\n" + address.searchText());
    }
}
