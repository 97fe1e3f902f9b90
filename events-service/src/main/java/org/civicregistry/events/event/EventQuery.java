package org.civicregistry.events.event;

import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.events.common.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter parameters the event list and the calendar feed share, as sent. */
public class EventQuery {

    @Parameter(description = ApiDocs.FROM, example = "2023-05-12T00:00:00+09:00")
    @QueryParam("from")
    public String from;

    @Parameter(description = ApiDocs.TO, example = "2023-05-14")
    @QueryParam("to")
    public String to;

    @Parameter(description = ApiDocs.UPCOMING, schema = @Schema(type = SchemaType.BOOLEAN), example = "true")
    @QueryParam("upcoming")
    public String upcoming;

    @Parameter(description = ApiDocs.ORGANIZATION, example = "gyeonggi")
    @QueryParam("organization")
    public String organization;

    @Parameter(description = ApiDocs.PARTICIPANT, example = "kim-dong-yeon")
    @QueryParam("participant")
    public String participant;

    @Parameter(description = ApiDocs.TYPE, schema = @Schema(implementation = EventType.class))
    @QueryParam("type")
    public String type;

    @Parameter(description = ApiDocs.STATUS, schema = @Schema(type = SchemaType.STRING), example = "scheduled,confirmed")
    @QueryParam("status")
    public String status;

    @Parameter(description = ApiDocs.AGREEMENT, example = "gyeonggi-gwangju-mutual-development-2023")
    @QueryParam("agreement")
    public String agreement;

    @Parameter(description = ApiDocs.UPDATED_SINCE, example = "2023-05-01T00:00:00+09:00")
    @QueryParam("updatedSince")
    public String updatedSince;

    @Parameter(description = Params.IDS)
    @QueryParam("id")
    public List<String> id;

    @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE)
    @QueryParam("identifier")
    public String identifier;

    @Parameter(description = ApiDocs.Q, example = "조선대")
    @QueryParam("q")
    public String q;

    @Parameter(description = "Exact slug.", example = "kim-dong-yeon-chosun-university-lecture-2023-05-12")
    @QueryParam("slug")
    public String slug;

    @Parameter(description = ApiDocs.RECORD_STATUS, schema = @Schema(implementation = RecordStatus.class))
    @QueryParam("recordStatus")
    public String recordStatus;

    @QueryParam("lang")
    public String lang;
}
