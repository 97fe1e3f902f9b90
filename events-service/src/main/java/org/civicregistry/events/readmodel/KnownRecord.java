package org.civicregistry.events.readmodel;

import org.civicregistry.commons.readmodel.KnownKind;
import org.civicregistry.commons.readmodel.OfficialsRecord;

/**
 * The kinds of record of other services this service looks up in its read models, with their tables:
 * officials' as every consumer keeps them ({@link OfficialsRecord}), and agreements.
 */
public enum KnownRecord implements KnownKind {
    ORGANIZATION(OfficialsRecord.ORGANIZATION.table(), "organization", "name"),
    PERSON(OfficialsRecord.PERSON.table(), "person", "name"),
    POST(OfficialsRecord.POST.table(), "post", "label"),
    AGREEMENT("known_agreement", "agreement", "title");

    private final String table;
    private final String noun;
    private final String nameColumn;

    KnownRecord(String table, String noun, String nameColumn) {
        this.table = table;
        this.noun = noun;
        this.nameColumn = nameColumn;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String noun() {
        return noun;
    }

    /** The localized-text column that names the record. */
    public String nameColumn() {
        return nameColumn;
    }
}
