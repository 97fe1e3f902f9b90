package org.civicregistry.events.readmodel;

/** The kinds of record of other services this service keeps a read model of, with their tables. */
public enum KnownRecord {
    ORGANIZATION("known_organization", "organization", "name"),
    PERSON("known_person", "person", "name"),
    POST("known_post", "post", "label"),
    AGREEMENT("known_agreement", "agreement", "title");

    private final String table;
    private final String noun;
    private final String nameColumn;

    KnownRecord(String table, String noun, String nameColumn) {
        this.table = table;
        this.noun = noun;
        this.nameColumn = nameColumn;
    }

    public String table() {
        return table;
    }

    /** As in event types ({@code civic.person.updated}) and messages. */
    public String noun() {
        return noun;
    }

    /** The localized-text column that names the record. */
    public String nameColumn() {
        return nameColumn;
    }
}
