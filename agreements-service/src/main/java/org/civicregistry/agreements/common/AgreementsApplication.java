package org.civicregistry.agreements.common;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(title = "Civic Registry — agreements", version = "1.0",
                description = """
                        What regional governments agree: mutual development agreements, MOUs, task forces, joint \
                        declarations, with their parties and signatories, numbered items (status and milestones) and \
                        lifecycle (draft → signed → in_force → expired / terminated); and programmes, the register of \
                        governments' commitments: annual plans, pledges, policy proposals, with numbered initiatives, \
                        their status on the pledge-implementation scale, progress and dated reports, readable as they \
                        stood on any day. Parties, signatories and posts are \
                        officials-service records, learned from the Kafka topic civic.officials.v1. Reads are public; \
                        writes need a bearer token (role editor for an agreement one of whose parties, or a programme whose owner, is in one's \
                        jurisdictions, or admin). Collections are cursor-paged; records and items carry ETags, and \
                        updates need If-Match. Every change is published to the Kafka topic civic.agreements.v1 as a \
                        CloudEvent. Errors are RFC 9457 problems.""",
                contact = @Contact(name = "Civic Registry", url = "https://civic-registry.org"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = "Agreements", description = "Agreements between governments and public bodies, and their lifecycle."),
                @Tag(name = "Items", description = "The numbered items of an agreement, each with its status, milestones and ETag."),
                @Tag(name = "Programmes", description = "Governments' programmes of commitments, their lifecycle and history."),
                @Tag(name = "Initiatives", description = "The numbered initiatives of a programme, each with its status, progress, "
                        + "sub-items, ETag and append-only reports.")
        })
public class AgreementsApplication extends Application {
}
