package org.civicregistry.officials.common;

import java.util.List;

import org.civicregistry.commons.openapi.ApiConventions;
import org.civicregistry.officials.membership.MembershipResource;
import org.civicregistry.officials.organization.OrganizationResource;
import org.civicregistry.officials.person.PersonResource;
import org.civicregistry.officials.post.PostResource;

/** The document's conventions, with what each collection's inherited record routes say of their own. */
public class OpenApiConventions extends ApiConventions {

    public OpenApiConventions() {
        super(List.of(PersonResource.DOCS, OrganizationResource.DOCS, PostResource.DOCS, MembershipResource.DOCS));
    }
}
