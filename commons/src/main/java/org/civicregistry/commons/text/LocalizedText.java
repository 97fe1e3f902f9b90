package org.civicregistry.commons.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Text in several languages, as a language map: {@code {"ko": "경기도", "en": "Gyeonggi Province"}}.
 * Korean and English are first-class; keys are BCP 47 language tags. Validated by {@link ValidText}.
 */
@Schema(name = "LocalizedText", type = SchemaType.OBJECT,
        description = "Text by language (BCP 47 tag → text). Korean (ko) and English (en) are first-class; at least one language is required.",
        additionalProperties = String.class,
        example = "{\"ko\": \"광주광역시\", \"en\": \"Gwangju Metropolitan City\"}")
public final class LocalizedText {

    /** Languages in the order a fallback prefers them. */
    public static final List<String> PRIMARY = List.of("ko", "en");

    private final Map<String, String> values;

    private LocalizedText(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    @JsonCreator
    public static LocalizedText of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            // Korean first, then English, then the others in the order given: a stable, readable order.
            for (String language : PRIMARY) {
                if (values.containsKey(language)) {
                    copy.put(language, strip(values.get(language)));
                }
            }
            values.forEach((language, text) -> copy.putIfAbsent(language, strip(text)));
        }
        return new LocalizedText(copy);
    }

    public static LocalizedText of(String ko, String en) {
        Map<String, String> values = new LinkedHashMap<>();
        if (ko != null) {
            values.put("ko", ko);
        }
        if (en != null) {
            values.put("en", en);
        }
        return of(values);
    }

    @JsonValue
    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String language) {
        return Optional.ofNullable(values.get(language)).filter(s -> !s.isBlank());
    }

    /**
     * The same text reduced to one language: the requested one if present, else the first of Korean,
     * English or any other, so a view never comes back empty.
     */
    public LocalizedText in(String language) {
        if (language == null) {
            return this;
        }
        String chosen = get(language).map(t -> language).orElse(null);
        if (chosen == null) {
            chosen = PRIMARY.stream().filter(l -> get(l).isPresent()).findFirst()
                    .orElse(values.keySet().stream().findFirst().orElse(null));
        }
        return chosen == null ? this : new LocalizedText(Map.of(chosen, values.get(chosen)));
    }

    /** All the texts, lower-cased, one per line: the material of full-text search. */
    public String searchText() {
        return String.join("\n", values.values()).toLowerCase(java.util.Locale.ROOT);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalizedText other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
