package org.civicregistry.officials.post;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.RecordService;
import org.civicregistry.officials.organization.Organization;
import org.civicregistry.officials.organization.OrganizationService;

@ApplicationScoped
public class PostService extends RecordService<Post, PostInput, PostView> {

    private final OrganizationService organizations;

    public PostService(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public String entityType() {
        return "post";
    }

    @Override
    public String collection() {
        return "posts";
    }

    @Override
    protected Class<Post> entityClass() {
        return Post.class;
    }

    @Override
    protected Class<PostInput> inputClass() {
        return PostInput.class;
    }

    @Override
    protected Post newEntity() {
        return new Post();
    }

    @Override
    protected void apply(Post post, PostInput input) {
        if (input.start() != null && input.end() != null && input.end().lastDay().isBefore(input.start().firstDay())) {
            throw ProblemException.invalid("end", "must not be before start");
        }
        if (em.find(Organization.class, input.organizationId()) == null) {
            throw ProblemException.unknownReference("organizationId", input.organizationId());
        }
        post.slug = input.slug();
        post.label = input.label();
        post.role = input.role();
        post.organizationId = input.organizationId();
        post.start = input.start();
        post.end = input.end();
        post.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        post.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
    }

    @Override
    protected PostInput inputOf(Post post) {
        return new PostInput(post.slug, post.label, post.role, post.organizationId, post.start, post.end, post.identifiers,
                post.sources);
    }

    @Override
    public PostView view(Post post) {
        return new PostView(post.id, post.slug, post.label, post.role, post.organizationId, post.start, post.end,
                post.identifiers, post.sources, post.status, post.createdAt, post.updatedAt, post.version);
    }

    @Override
    protected Set<String> jurisdictionsOf(Post post) {
        return organizations.jurisdictionsOf(post.organizationId);
    }

    public Page<PostView> list(PostFilter filter, PageRequest page) {
        Where where = new Where()
                .and("p.status = :status", "status", filter.status() == null ? RecordStatus.ACTIVE : filter.status())
                .and("p.slug = :slug", "slug", filter.slug())
                .hasIdentifier("p.identifiers", filter.identifier())
                .and("p.id in (:ids)", "ids", filter.ids())
                .and("p.organizationId = :organization", "organization", filter.organizationId())
                .and("p.role = :role", "role", filter.role())
                .and("p.updatedAt >= :since", "since", filter.updatedSince())
                .contains("p.searchText", "q", filter.q());
        Total total = page.count().jpql(em, "Post p", where);
        where.and("p.id > :after", "after", Cursor.decodeId(page.cursor()));
        List<Post> rows = where.bind(em.createQuery("select p from Post p" + where.jpql() + " order by p.id", Post.class))
                .setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, p -> Cursor.after(p.id)).with(total);
    }
}
