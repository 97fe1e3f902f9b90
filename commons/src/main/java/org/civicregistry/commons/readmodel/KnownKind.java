package org.civicregistry.commons.readmodel;

/**
 * A kind of record a service learns from another's stream into a read-model table with {@code id},
 * {@code slug}, {@code status} and {@code version} columns, as {@link ReadModelLookup} reads them.
 */
public interface KnownKind {

    /** The read-model table: {@code known_person}. */
    String table();

    /** As in event types ({@code civic.person.updated}) and messages. */
    String noun();
}
