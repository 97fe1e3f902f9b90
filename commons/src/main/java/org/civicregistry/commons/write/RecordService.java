package org.civicregistry.commons.write;

import java.lang.reflect.ParameterizedType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.outbox.ChangeRecorder;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.security.Jurisdictions;

/**
 * The write path every record shares, so each service only says what is particular to its records:
 * create, replace (PUT), merge-patch (PATCH), archive (DELETE) and restore, each in one transaction
 * with its history and outbox rows. Updates lock the row ({@code SELECT ... FOR UPDATE}) before comparing
 * {@code If-Match}, so of two writers holding the same ETag exactly one wins and the other gets 412.
 *
 * @param <E> the entity
 * @param <I> the input body (POST, PUT, and the base a PATCH is merged into)
 * @param <V> the view the API returns and the event carries
 */
public abstract class RecordService<E extends RecordEntity, I, V extends Localizable<V>> {

    @Inject
    protected EntityManager em;
    @Inject
    protected ChangeRecorder changes;
    @Inject
    protected Jurisdictions jurisdictions;
    @Inject
    protected ObjectMapper mapper;
    @Inject
    protected Validator validator;

    /** The record kind in event types and history: {@code person} → {@code civic.person.created}. */
    public abstract String entityType();

    /** The collection's name in paths and downloads: {@code people}. */
    public abstract String collection();

    /** What a download of the collection needs. */
    public Snapshots.Collection snapshotCollection() {
        return new Snapshots.Collection(entityType(), collection(), viewClass());
    }

    /** A view as the JSON the API answers, to be described further (as JSON-LD). */
    public ObjectNode json(V view) {
        return mapper.valueToTree(view);
    }

    protected abstract Class<E> entityClass();

    protected abstract Class<I> inputClass();

    protected abstract E newEntity();

    /** Copies the input onto the entity, checking references and rules the input alone cannot. */
    protected abstract void apply(E entity, I input);

    /** The input that would produce the entity as it is: what a PATCH is merged into. */
    protected abstract I inputOf(E entity);

    /** The full view of the record (all languages). */
    public abstract V view(E entity);

    /** The view's class, from this service's type arguments: what a CSV download's columns are. */
    @SuppressWarnings("unchecked")
    public Class<V> viewClass() {
        Class<?> type = getClass();
        while (!(type.getGenericSuperclass() instanceof ParameterizedType parameterized
                && parameterized.getRawType() == RecordService.class)) {
            type = type.getSuperclass();
        }
        return (Class<V>) ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[2];
    }

    /**
     * The organization slugs (ancestors included) of the jurisdictions that own the record, for the
     * editor check: only what the record itself says (its organization, parent, organizer, parties,
     * owner), never the records linking to it. Empty for a record no jurisdiction owns (admins only).
     * An update is checked before and after the change, so moving a record needs authority over both
     * its old and its new owner.
     */
    protected abstract Set<String> jurisdictionsOf(E entity);

    /** The event action of a creation: {@code created}, or what a new record of this kind is called. */
    protected String createAction() {
        return "created";
    }

    /** The event action of an update; records with a lifecycle say more than {@code updated}. */
    protected String updateAction(I before, E after) {
        return "updated";
    }

    public E find(UUID id) {
        E entity = em.find(entityClass(), id);
        if (entity == null) {
            throw ProblemException.notFound(entityType(), id);
        }
        return entity;
    }

    /** A record named by id or by slug, as filters and paths accept either; unknown is a 400 naming the parameter. */
    public UUID resolve(String parameter, String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) {
            return null;
        }
        // at most 200 characters and no control characters: PostgreSQL refuses a NUL in a text parameter
        String key = Params.text(parameter, idOrSlug);
        String entity = entityClass().getSimpleName();
        List<UUID> found = key.length() == 36 && key.charAt(8) == '-'
                ? em.createQuery("select e.id from " + entity + " e where e.id = :id", UUID.class)
                        .setParameter("id", Params.uuid(parameter, key)).getResultList()
                : em.createQuery("select e.id from " + entity + " e where e.slug = :slug", UUID.class)
                        .setParameter("slug", key).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.badParameter(parameter, "no " + entityType() + " with id or slug '"
                    + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "'");
        }
        return found.get(0);
    }

    @Transactional
    public E create(I input) {
        E entity = newEntity();
        apply(entity, input);
        entity.initialize();
        requireWrite(entity);
        requireUniqueIdentifiers(entity);
        checkAmongOthers(entity);
        em.persist(entity);
        em.flush();
        record(entity, createAction());
        return entity;
    }

    @Transactional
    public E replace(UUID id, HttpHeaders headers, I input) {
        E entity = lockForUpdate(id, headers);
        requireNotArchived(entity);
        I before = inputOf(entity);
        apply(entity, input);
        return updated(entity, before);
    }

    @Transactional
    public E patch(UUID id, HttpHeaders headers, JsonNode patch) {
        MergePatches.requireObject(patch);
        E entity = lockForUpdate(id, headers);
        requireNotArchived(entity);
        return patched(entity, patch);
    }

    /**
     * A lifecycle transition ({@code POST /{id}/transitions}): after the checks of every update (the
     * row locked, jurisdiction, If-Match, not archived), {@code patchOf} judges the move on the locked
     * record (see {@link Lifecycle#requireMove}) and says it as a merge patch of the status (and what
     * changes with it), which then runs as a PATCH: the same rules, history and event.
     */
    protected E transition(UUID id, HttpHeaders headers, Function<E, ObjectNode> patchOf) {
        E entity = lockForUpdate(id, headers);
        requireNotArchived(entity);
        return patched(entity, patchOf.apply(entity));
    }

    private E patched(E entity, JsonNode patch) {
        I before = inputOf(entity);
        I input = MergePatches.apply(mapper, validator, before, patch, inputClass(), "record");
        apply(entity, input);
        return updated(entity, before);
    }

    @Transactional
    public E archive(UUID id, HttpHeaders headers) {
        E entity = lockForUpdate(id, headers);
        if (entity.status == RecordStatus.ARCHIVED) {
            return entity;
        }
        entity.status = RecordStatus.ARCHIVED;
        entity.touch();
        em.flush();
        record(entity, "archived");
        return entity;
    }

    /**
     * Brings an archived record back (admins only; event {@code civic.<kind>.restored}). Restoring an
     * active record changes nothing, as archiving an archived one does.
     */
    @Transactional
    public E restore(UUID id, HttpHeaders headers) {
        E entity = em.find(entityClass(), id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw ProblemException.notFound(entityType(), id);
        }
        jurisdictions.requireAdmin("restore an archived " + entityType());
        Versions.requireMatch(headers, entity.version);
        if (entity.status == RecordStatus.ACTIVE) {
            return entity;
        }
        entity.status = RecordStatus.ACTIVE;
        requireUniqueIdentifiers(entity);
        checkAmongOthers(entity);
        entity.touch();
        em.flush();
        record(entity, "restored");
        return entity;
    }

    /**
     * The rules between an active record and the others (a post has one holder at a time), after a
     * create, an update and a restore. Checked once the caller is known to be allowed to write the
     * record, so a refused editor learns nothing about records they may not write.
     */
    protected void checkAmongOthers(E entity) {
    }

    /**
     * An identifier names at most one active record of its collection, so {@code ?identifier=} finds
     * one: a second claim is a 409 naming the record that holds it (records are public), and the same
     * identifier twice in one record is a 400. Each claimed identifier is first locked to the
     * transaction (an advisory lock on its hash), so two writers claiming one at the same moment cannot
     * both find it free; the locks are taken in one order, so two such writers never deadlock.
     */
    private void requireUniqueIdentifiers(E entity) {
        List<Identifier> identifiers = entity.identifiers;
        if (identifiers == null || identifiers.isEmpty() || entity.status != RecordStatus.ACTIVE) {
            return;
        }
        Set<Identifier> seen = new HashSet<>();
        for (int i = 0; i < identifiers.size(); i++) {
            if (!seen.add(identifiers.get(i))) {
                throw ProblemException.invalid("identifiers[" + i + "]", "is already listed");
            }
        }
        String entityName = entityClass().getSimpleName();
        // FlushModeType.COMMIT: neither query reads this record's own pending change, and an auto-flush here
        // would write the row once now and again after touch()
        identifiers.stream().map(id -> entityName + "\n" + id.scheme() + "\n" + id.identifier()).sorted().forEach(key -> em
                .createNativeQuery("select count(*) from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setFlushMode(FlushModeType.COMMIT).setParameter("key", key).getSingleResult());
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            List<E> holders = em.createQuery("select e from " + entityName + " e where e.status = :active and e.id <> :id"
                    + " and function('civic_has_identifier', e.identifiers, :identifier) = true", entityClass())
                    .setFlushMode(FlushModeType.COMMIT).setParameter("active", RecordStatus.ACTIVE).setParameter("id", entity.id)
                    .setParameter("identifier", identifier.containment()).setMaxResults(1).getResultList();
            if (!holders.isEmpty()) {
                E holder = holders.get(0);
                String name = entityType() + " " + (holder.slug != null ? holder.slug : holder.id);
                throw new ProblemException(ProblemType.CONFLICT, "The identifier " + identifier.scheme() + ":"
                        + identifier.identifier() + " already names the " + name + "; an identifier names one record.",
                        List.of(new Violation("identifiers[" + i + "]", "already names " + name)), List.of());
            }
        }
    }

    private E updated(E entity, I before) {
        requireWrite(entity);
        requireUniqueIdentifiers(entity);
        checkAmongOthers(entity);
        entity.touch();
        em.flush();
        record(entity, updateAction(before, entity));
        return entity;
    }

    /** Locks the row, then checks the caller may write it and that If-Match names its version. */
    protected E lockForUpdate(UUID id, HttpHeaders headers) {
        E entity = em.find(entityClass(), id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw ProblemException.notFound(entityType(), id);
        }
        requireWrite(entity);
        Versions.requireMatch(headers, entity.version);
        return entity;
    }

    /** Archived records stay readable, and frozen: their last state is the record. */
    protected void requireNotArchived(E entity) {
        if (entity.status == RecordStatus.ARCHIVED) {
            throw new ProblemException(ProblemType.CONFLICT, "This " + entityType() + " is archived and can no longer be changed.");
        }
    }

    protected void requireWrite(E entity) {
        jurisdictions.requireWrite(jurisdictionsOf(entity), entityType() + " " + (entity.slug != null ? entity.slug : entity.id));
    }

    protected void record(E entity, String action) {
        changes.record(entityType(), entity.id, entity.version, action, entity.updatedAt, view(entity));
    }
}
