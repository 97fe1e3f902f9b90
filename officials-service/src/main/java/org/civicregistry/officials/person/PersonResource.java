package org.civicregistry.officials.person;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.openapi.RecordDocs;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.officials.membership.MembershipFilter;
import org.civicregistry.officials.membership.MembershipResource;
import org.civicregistry.officials.membership.MembershipService;
import org.civicregistry.officials.organization.OrganizationService;
import org.civicregistry.officials.post.PostService;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordResource;
import org.civicregistry.officials.common.ApiDocs;
import org.civicregistry.officials.common.Examples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "People")
public class PersonResource extends RecordResource<Person, PersonInput, PersonView> {

    /** What the inherited record routes say of people. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/people", "Editors of the owner's jurisdiction only; "
            + "a membership elsewhere gives no right to the person. A new ownerOrganizationId needs authority over the old "
            + "and the new owner.")
            .patchExample("add a birth date", "{\"birthDate\": \"1964\"}");

    private final PersonService people;
    private final OrganizationService organizations;
    private final PostService posts;
    private final MembershipService memberships;

    public PersonResource(PersonService people, OrganizationService organizations, PostService posts,
            MembershipService memberships, History history, Snapshots snapshots) {
        super(people, history, snapshots);
        this.people = people;
        this.organizations = organizations;
        this.posts = posts;
        this.memberships = memberships;
    }

    @GET
    @Operation(summary = "List people", description = "Cursor-paged, in creation order. The membership filters combine: "
            + "post=gwangju-mayor&at=2019-12-26 is the Mayor of Gwangju on that day.")
    @APIResponse(responseCode = "200", description = "A page of people.",
            content = @Content(schema = @Schema(implementation = PersonPage.class)))
    public Response list(
            @Parameter(description = "Exact slug.", example = "kang-ki-jung") @QueryParam("slug") String slug,
            @Parameter(description = "Members of this organization, by id or slug.", example = "gwangju") @QueryParam("organization") String organization,
            @Parameter(description = "Holders of this post, by id or slug.", example = "gwangju-mayor") @QueryParam("post") String post,
            @Parameter(description = "Members with this role.", example = "co-chair") @QueryParam("role") String role,
            @Parameter(description = "Members on behalf of this party, by id or slug.", example = "democratic-party") @QueryParam("party") String party,
            @Parameter(description = ApiDocs.AT, example = "2019-12-26") @QueryParam("at") String at,
            @Parameter(description = ApiDocs.Q, example = "강기") @QueryParam("q") String q,
            @Parameter(description = ApiDocs.UPDATED_SINCE, example = "2023-10-01T00:00:00+09:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE) @QueryParam("identifier") String identifier,
            @Parameter(description = Params.IDS) @QueryParam("id") List<String> id,
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = RecordStatus.class)) @QueryParam("status") String status,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        PersonFilter filter = new PersonFilter(
                Params.text("slug", slug),
                organizations.resolve("organization", organization),
                posts.resolve("post", post),
                Params.text("role", role),
                organizations.resolve("party", party),
                Params.date("at", at),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<PersonView> page = people.list(filter, PageRequest.of(limit, cursor, count)).map(p -> p.in(language));
        return PagedResponse.of(page, uri);
    }

    @GET
    @Path("{id}/memberships")
    @Operation(summary = "Posts and memberships of a person", description = "Current and past, in creation order; "
            + "current=true for those going on today, current=false for past ones, at= for a given day.")
    @APIResponse(responseCode = "200", description = "A page of the person's memberships.",
            content = @Content(schema = @Schema(implementation = MembershipResource.MembershipPage.class)))
    public Response memberships(@PathParam("id") String id,
            @Parameter(description = "true: going on today; false: ended.") @QueryParam("current") String current,
            @Parameter(description = ApiDocs.AT, example = "2023-10-12") @QueryParam("at") String at,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        Person person = people.find(Params.id(id));
        MembershipFilter filter = new MembershipFilter(null, person.id, null, null, null, null, Params.date("at", at),
                Params.bool("current", current), null, null, null, null);
        return PagedResponse.of(memberships.list(filter, PageRequest.of(limit, cursor, count)).map(m -> m.in(language)), uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a person", description = "Any editor may create a person; it is owned by ownerOrganizationId (left out: the organization the editor's token names). Only the owner's jurisdiction, never one that links the person in a membership, may change or archive it.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PersonInput.class),
            examples = @ExampleObject(name = "person", value = Examples.PERSON)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = PersonView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") PersonInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "PersonPage")
    public record PersonPage(java.util.List<PersonView> items, String nextCursor, Total total) {
    }
}
