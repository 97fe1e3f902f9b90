package org.civicregistry.commons.openapi;

import java.util.List;

import org.civicregistry.commons.outbox.HistoryEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The schema of a page of a record's history ({@code GET .../{id}/history}) for the OpenAPI documents. */
@Schema(name = "HistoryPage")
public record HistoryPage(List<HistoryEntry> items, String nextCursor) {
}
