package org.civicregistry.commons.write;


import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.linkeddata.LinkedData;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.text.Languages;

import io.vertx.core.http.HttpServerResponse;

/**
 * The HTTP side of the record operations every collection has (read one, history, snapshot, create,
 * PUT, PATCH, archive, restore), so each resource method is one line under its own OpenAPI description.
 */
public final class RecordEndpoints<E extends RecordEntity, I, V extends Localizable<V>> {

    private final RecordService<E, I, V> records;
    private final History history;
    private final Snapshots snapshots;

    public RecordEndpoints(RecordService<E, I, V> records, History history, Snapshots snapshots) {
        this.records = records;
        this.history = history;
        this.snapshots = snapshots;
    }

    /** The whole collection. */
    public Response snapshot(String format, HttpHeaders headers, HttpServerResponse response) {
        return snapshots.download(records.snapshotCollection(), format, headers, response);
    }

    public Response read(String id, String lang, HttpHeaders headers, Request request, UriInfo uri) {
        String language = Languages.requested(lang, headers);
        E entity = records.find(Params.id(id));
        return represent(request, entity.version, language, records.view(entity).in(language), uri);
    }

    /** A version of a record, as JSON or, when Accept prefers it, JSON-LD ({@link LinkedData}). */
    public Response represent(Request request, int version, String language, V view, UriInfo uri) {
        if (!LinkedData.requested(request)) {
            return Responses.read(request, version, language, view);
        }
        ObjectNode linked = LinkedData.describe(records.collection(), records.json(view), uri.getBaseUri());
        return Responses.read(request, Versions.etag(version, language, "ld"), language, linked, LinkedData.TYPE);
    }

    public Response history(String id, String limit, String cursor, UriInfo uri) {
        E entity = records.find(Params.id(id));
        return PagedResponse.of(history.of(records.entityType(), entity.id, PageRequest.of(limit, cursor)), uri);
    }

    public Response create(I input, UriInfo uri) {
        E entity = records.create(input);
        return Responses.created(uri, entity.id, entity.version, records.view(entity));
    }

    public Response replace(String id, I input, HttpHeaders headers) {
        E entity = records.replace(Params.id(id), headers, input);
        return Responses.updated(entity.version, records.view(entity));
    }

    public Response patch(String id, JsonNode patch, HttpHeaders headers) {
        E entity = records.patch(Params.id(id), headers, patch);
        return Responses.updated(entity.version, records.view(entity));
    }

    public Response archive(String id, HttpHeaders headers) {
        E entity = records.archive(Params.id(id), headers);
        return Responses.updated(entity.version, records.view(entity));
    }

    public Response restore(String id, HttpHeaders headers) {
        E entity = records.restore(Params.id(id), headers);
        return Responses.updated(entity.version, records.view(entity));
    }
}
