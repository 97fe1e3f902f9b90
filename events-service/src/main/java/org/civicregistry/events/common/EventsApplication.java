package org.civicregistry.events.common;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(title = "Civic Registry — events", version = "1.0",
                description = """
                        Where officials will be: scheduled public events of officials and bodies (memorial visits, \
                        signing and launch ceremonies, special lectures, meetings, press conferences, groundbreakings), \
                        their participants and status history, live as JSON and as iCalendar feeds a municipal website \
                        or a citizen's calendar app can subscribe to. Reads are public; writes need a bearer token \
                        (role editor for events organized in one's jurisdictions, or admin). Collections are \
                        cursor-paged; records carry an ETag, and updates need If-Match. Every change is published to \
                        the Kafka topic civic.events.v1 as a CloudEvent. Errors are RFC 9457 problems.""",
                contact = @Contact(name = "Civic Registry", url = "https://civic-registry.org"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = "Events", description = "Scheduled public events: times with their time zone, place, organizer, "
                        + "participants, related agreement, lifecycle."),
                @Tag(name = "Calendar feeds", description = "The same events as iCalendar (RFC 5545), for calendar "
                        + "subscriptions.")
        })
public class EventsApplication extends Application {
}
