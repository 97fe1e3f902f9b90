package org.civicregistry.agreements.common;

import java.util.List;

import org.civicregistry.agreements.agreement.AgreementResource;
import org.civicregistry.commons.openapi.ApiConventions;

/** The document's conventions, with what each collection's inherited record routes say of their own. */
public class OpenApiConventions extends ApiConventions {

    public OpenApiConventions() {
        super(List.of(AgreementResource.DOCS));
    }
}
