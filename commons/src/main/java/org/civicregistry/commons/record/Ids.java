package org.civicregistry.commons.record;

import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;

/** Record ids: time-ordered UUIDs (version 7), so id order is creation order and keyset paging is stable. */
public final class Ids {

    private Ids() {
    }

    public static UUID next() {
        return UuidCreator.getTimeOrderedEpoch();
    }
}
