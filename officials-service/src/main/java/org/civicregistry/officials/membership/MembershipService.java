package org.civicregistry.officials.membership;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.RecordService;
import org.civicregistry.officials.organization.Classification;
import org.civicregistry.officials.organization.Organization;
import org.civicregistry.officials.organization.OrganizationService;
import org.civicregistry.officials.person.Person;
import org.civicregistry.officials.post.Post;

@ApplicationScoped
public class MembershipService extends RecordService<Membership, MembershipInput, MembershipView> {

    /** "Current" and "today" are days in Korea, where the register's offices are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    private final OrganizationService organizations;

    public MembershipService(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public String entityType() {
        return "membership";
    }

    @Override
    public String collection() {
        return "memberships";
    }

    @Override
    protected Class<Membership> entityClass() {
        return Membership.class;
    }

    @Override
    protected Class<MembershipInput> inputClass() {
        return MembershipInput.class;
    }

    @Override
    protected Membership newEntity() {
        return new Membership();
    }

    @Override
    protected void apply(Membership membership, MembershipInput input) {
        if (input.start() != null && input.end() != null && input.end().lastDay().isBefore(input.start().firstDay())) {
            throw ProblemException.invalid("end", "must not be before start");
        }
        if (input.endReason() != null && input.end() == null) {
            throw ProblemException.invalid("endReason", "only a membership with an end has an end reason");
        }
        if (em.find(Person.class, input.personId()) == null) {
            throw ProblemException.unknownReference("personId", input.personId());
        }
        UUID organizationId = input.organizationId();
        if (input.postId() != null) {
            Post post = em.find(Post.class, input.postId());
            if (post == null) {
                throw ProblemException.unknownReference("postId", input.postId());
            }
            if (organizationId != null && !organizationId.equals(post.organizationId)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The post belongs to another organization than organizationId.",
                        List.of(new Violation("organizationId", "must be the post's organization " + post.organizationId
                                + ", or be left out")), List.of());
            }
            organizationId = post.organizationId;
        } else if (organizationId == null) {
            throw ProblemException.invalid("organizationId", "is required when there is no postId");
        } else if (em.find(Organization.class, organizationId) == null) {
            throw ProblemException.unknownReference("organizationId", organizationId);
        }
        if (input.onBehalfOfId() != null) {
            Organization party = em.find(Organization.class, input.onBehalfOfId());
            if (party == null) {
                throw ProblemException.unknownReference("onBehalfOfId", input.onBehalfOfId());
            }
            if (party.classification != Classification.PARTY) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "onBehalfOfId must name a party.",
                        List.of(new Violation("onBehalfOfId", "is a " + party.classification.name().toLowerCase() + ", not a party")),
                        List.of());
            }
        }
        membership.slug = input.slug();
        membership.personId = input.personId();
        membership.organizationId = organizationId;
        membership.postId = input.postId();
        membership.role = input.role();
        membership.label = input.label();
        membership.onBehalfOfId = input.onBehalfOfId();
        membership.start = input.start();
        membership.end = input.end();
        membership.startOn = input.start() == null ? null : input.start().firstDay();
        membership.endOn = input.end() == null ? null : input.end().lastDay();
        membership.acting = Boolean.TRUE.equals(input.acting());
        membership.endReason = input.endReason();
        membership.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        membership.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
    }

    /**
     * One holder per post at a time (an archived membership was none: restored, it must not overlap
     * the holder since); the database's exclusion constraint backs this against races.
     */
    @Override
    protected void checkAmongOthers(Membership membership) {
        if (membership.postId == null || membership.acting) {
            return;
        }
        Where where = new Where()
                .and("m.postId = :post", "post", membership.postId)
                .and("m.status = :active", "active", RecordStatus.ACTIVE)
                .and("m.acting = false")
                .and("(m.endOn is null or m.endOn >= :start)", "start", membership.startOn == null ? LocalDate.MIN : membership.startOn)
                .and("(m.startOn is null or m.startOn <= :end)", "end", membership.endOn == null ? LocalDate.of(9999, 12, 31) : membership.endOn)
                .and("m.id <> :self", "self", membership.id == null ? new UUID(0, 0) : membership.id);
        List<Membership> overlapping = where.bind(em.createQuery("select m from Membership m" + where.jpql(), Membership.class))
                .setMaxResults(1).getResultList();
        if (!overlapping.isEmpty()) {
            Membership other = overlapping.get(0);
            throw new ProblemException(ProblemType.CONFLICT, "The post already has a holder in that period: membership "
                    + other.id + " (" + other.start + " – " + (other.end == null ? "" : other.end)
                    + "). End it first, or mark this one acting.",
                    List.of(new Violation("start", "overlaps membership " + other.id)), List.of());
        }
    }

    @Override
    protected MembershipInput inputOf(Membership m) {
        return new MembershipInput(m.slug, m.personId, m.organizationId, m.postId, m.role, m.label, m.onBehalfOfId,
                m.start, m.end, m.acting, m.endReason, m.identifiers, m.sources);
    }

    @Override
    public MembershipView view(Membership m) {
        return new MembershipView(m.id, m.slug, m.personId, m.organizationId, m.postId, m.role, m.label, m.onBehalfOfId,
                m.start, m.end, m.acting, m.endReason, isCurrent(m), m.identifiers, m.sources, m.status, m.createdAt,
                m.updatedAt, m.version);
    }

    /**
     * The organization the membership is in (for a post, the post's): recording who serves there is
     * that jurisdiction's business, whoever the person is, and it gives no power over the person.
     */
    @Override
    protected Set<String> jurisdictionsOf(Membership membership) {
        return organizations.jurisdictionsOf(membership.organizationId);
    }

    /** Setting an end on a running membership is its own event: {@code civic.membership.ended}. */
    @Override
    protected String updateAction(MembershipInput before, Membership after) {
        return before.end() == null && after.end != null ? "ended" : "updated";
    }

    public Page<MembershipView> list(MembershipFilter filter, PageRequest page) {
        LocalDate at = Boolean.TRUE.equals(filter.current()) && filter.at() == null ? LocalDate.now(REGISTER_ZONE) : filter.at();
        Where where = new Where()
                .and("m.status = :status", "status", filter.status() == null ? RecordStatus.ACTIVE : filter.status())
                .and("m.slug = :slug", "slug", filter.slug())
                .hasIdentifier("m.identifiers", filter.identifier())
                .and("m.id in (:ids)", "ids", filter.ids())
                .and("m.personId = :person", "person", filter.personId())
                .and("m.organizationId = :organization", "organization", filter.organizationId())
                .and("m.postId = :post", "post", filter.postId())
                .and("m.role = :role", "role", filter.role())
                .and("m.onBehalfOfId = :party", "party", filter.partyId())
                .and("(m.startOn is null or m.startOn <= :at) and (m.endOn is null or m.endOn >= :at)", "at", at)
                .and("m.updatedAt >= :since", "since", filter.updatedSince());
        if (Boolean.FALSE.equals(filter.current())) {
            where.and("m.endOn < :today", "today", LocalDate.now(REGISTER_ZONE));
        }
        Total total = page.count().jpql(em, "Membership m", where);
        where.and("m.id > :after", "after", Cursor.decodeId(page.cursor()));
        List<Membership> rows = where.bind(em.createQuery("select m from Membership m" + where.jpql() + " order by m.id",
                Membership.class)).setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, m -> Cursor.after(m.id)).with(total);
    }

    private static boolean isCurrent(Membership m) {
        LocalDate today = LocalDate.now(REGISTER_ZONE);
        return m.status == RecordStatus.ACTIVE && (m.startOn == null || !m.startOn.isAfter(today))
                && (m.endOn == null || !m.endOn.isBefore(today));
    }
}
