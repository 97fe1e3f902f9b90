package org.civicregistry.events.common;

import java.util.List;

import org.civicregistry.commons.openapi.ApiConventions;
import org.civicregistry.events.event.EventResource;

/** The document's conventions, with what each collection's inherited record routes say of their own. */
public class OpenApiConventions extends ApiConventions {

    public OpenApiConventions() {
        super(List.of(EventResource.DOCS));
    }
}
