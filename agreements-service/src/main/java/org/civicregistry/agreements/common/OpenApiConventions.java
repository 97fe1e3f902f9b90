package org.civicregistry.agreements.common;

import java.util.List;

import org.civicregistry.agreements.agreement.AgreementResource;
import org.civicregistry.agreements.programme.ProgrammeResource;
import org.civicregistry.commons.openapi.ApiConventions;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/** The document's conventions, with what each collection's inherited record routes say of their own. */
public class OpenApiConventions extends ApiConventions {

    public OpenApiConventions() {
        super(List.of(AgreementResource.DOCS, ProgrammeResource.DOCS));
    }

    /**
     * Adds {@code at} to GET /programmes/{id}: the programme overrides the inherited read, whose
     * signature has no place for the parameter, so no annotation can declare it.
     */
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem programme = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/v1/programmes/{id}");
        if (programme != null && programme.getGET() != null) {
            programme.getGET().addParameter(OASFactory.createParameter().name(ProgrammeResource.AT).in(Parameter.In.QUERY)
                    .description("A day (YYYY-MM-DD): the programme as it stood then.").example("2020-06-30")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("date")));
        }
        super.filterOpenAPI(openAPI);
    }
}
