package org.civicregistry.officials.common;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(title = "Civic Registry — officials", version = "1.0",
                description = """
                        Who holds office: people, organizations (provinces, metropolitan cities, committees, parties, \
                        task forces), posts and memberships over time. Reads are public; writes need a bearer token \
                        (role editor for one's jurisdictions, or admin). Collections are cursor-paged; records carry \
                        an ETag, and updates need If-Match. Every change is published to the Kafka topic \
                        civic.officials.v1 as a CloudEvent. Errors are RFC 9457 problems.""",
                contact = @Contact(name = "Civic Registry", url = "https://civic-registry.org"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = "Organizations", description = "Provinces, cities, committees, parties, task forces."),
                @Tag(name = "People", description = "Officials and other people who hold or held posts."),
                @Tag(name = "Posts", description = "Offices within organizations: governor, mayor, chair, ..."),
                @Tag(name = "Memberships", description = "Who held which post, or belonged to which organization, when.")
        })
public class OfficialsApplication extends Application {
}
