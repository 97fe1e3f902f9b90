package org.civicregistry.commons.readmodel;

import java.util.Arrays;
import java.util.Optional;

import org.civicregistry.commons.consumer.ReadModelWriter;

/**
 * The kinds of record officials-service publishes on {@code civic.officials.v1}: event types
 * {@code civic.<noun>.<action>}, data = the record's snapshot as its JSON Schema (in this jar, under
 * {@code schemas/officials/}) describes it, and the read-model table a consumer keeps it in.
 */
public enum OfficialsRecord implements KnownKind {
    ORGANIZATION("organization"),
    PERSON("person"),
    POST("post"),
    MEMBERSHIP("membership");

    private final String noun;

    OfficialsRecord(String noun) {
        this.noun = noun;
    }

    @Override
    public String noun() {
        return noun;
    }

    /** The consumers' read-model table: {@code known_person}. */
    @Override
    public String table() {
        return "known_" + noun;
    }

    /** The classpath resource of the JSON Schema every event of this kind's data satisfies. */
    public String schema() {
        return "schemas/officials/" + noun + ".json";
    }

    /** The kind of {@code civic.person.updated}; empty for another service's or an unknown type. */
    public static Optional<OfficialsRecord> ofEventType(String type) {
        String noun = ReadModelWriter.kind(type);
        return Arrays.stream(values()).filter(kind -> kind.noun.equals(noun)).findFirst();
    }
}
