package org.civicregistry.agreements.item;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.agreements.agreement.Agreement;
import org.civicregistry.agreements.agreement.AgreementService;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.outbox.ChangeRecorder;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.write.MergePatches;

/**
 * Writes of one item at {@code /agreements/{id}/items/{number}}. An item is part of its agreement:
 * a write locks the agreement's row, checks the editor's jurisdiction over the agreement, compares
 * If-Match with the item's own version, and commits the new agreement version with one event on the
 * agreement's key: {@code civic.agreement.item.status_changed} when the status changed, else
 * {@code civic.agreement.updated}.
 */
@ApplicationScoped
public class ItemService {

    private final EntityManager em;
    private final ChangeRecorder changes;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final AgreementService agreements;

    public ItemService(EntityManager em, ChangeRecorder changes, ObjectMapper mapper, Validator validator, AgreementService agreements) {
        this.em = em;
        this.changes = changes;
        this.mapper = mapper;
        this.validator = validator;
        this.agreements = agreements;
    }

    public Item find(Agreement agreement, int number) {
        return agreement.items.stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Agreement " + agreement.id + " has no item " + number + "."));
    }

    /** Adds an item; without a number, the next after the highest. An existing number is a 409. */
    @Transactional
    public Item create(UUID agreementId, ItemInput input) {
        Agreement agreement = lock(agreementId);
        requireNotArchived(agreement);
        int number = input.number() != null ? input.number()
                : agreement.items.stream().mapToInt(Item::number).max().orElse(0) + 1;
        if (number > Items.MAX_NUMBER) {
            throw ProblemException.invalid("number", "must be from 1 to 999");
        }
        if (agreement.items.stream().anyMatch(i -> i.number() == number)) {
            throw new ProblemException(ProblemType.CONFLICT, "The agreement already has an item " + number
                    + "; change it with PUT or PATCH on /items/" + number + ".",
                    List.of(new Violation("number", "item " + number + " already exists")), List.of());
        }
        if (agreement.items.size() >= Items.MAX_ITEMS) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "An agreement has at most " + Items.MAX_ITEMS + " items.");
        }
        Items.checkOne(input, agreement.signedOn, agreement.effectiveUntil);
        Item item = Items.next(null, number, input);
        List<Item> items = new ArrayList<>(agreement.items);
        items.add(item);
        save(agreement, items, "updated");
        return item;
    }

    @Transactional
    public Item replace(UUID agreementId, int number, HttpHeaders headers, ItemInput input) {
        requirePathNumber(input, number);
        Agreement agreement = lock(agreementId);
        Item current = find(agreement, number);
        Versions.requireMatch(headers, current.version());
        requireNotArchived(agreement);
        return write(agreement, current, input);
    }

    @Transactional
    public Item patch(UUID agreementId, int number, HttpHeaders headers, JsonNode patch) {
        MergePatches.requireObject(patch);
        Agreement agreement = lock(agreementId);
        Item current = find(agreement, number);
        Versions.requireMatch(headers, current.version());
        requireNotArchived(agreement);
        ItemInput input = MergePatches.apply(mapper, validator, current.input(), patch, ItemInput.class, "item");
        requirePathNumber(input, number);
        return write(agreement, current, input);
    }

    private Item write(Agreement agreement, Item current, ItemInput input) {
        Items.checkOne(input, agreement.signedOn, agreement.effectiveUntil);
        Item next = Items.next(current, current.number(), input);
        if (next.version() == current.version()) {
            return current; // nothing changed: no new version, no event
        }
        List<Item> items = new ArrayList<>(agreement.items);
        items.replaceAll(i -> i.number() == current.number() ? next : i);
        save(agreement, items, next.status() != current.status() ? "item.status_changed" : "updated");
        return next;
    }

    private void save(Agreement agreement, List<Item> items, String action) {
        items.sort(Comparator.comparingInt(Item::number));
        agreement.items = List.copyOf(items);
        agreement.derive();
        agreement.touch();
        em.flush();
        changes.record(agreements.entityType(), agreement.id, agreement.version, action, agreement.updatedAt, agreements.view(agreement));
    }

    /** Locks the agreement's row, then checks the caller may write it. */
    private Agreement lock(UUID agreementId) {
        Agreement agreement = em.find(Agreement.class, agreementId, LockModeType.PESSIMISTIC_WRITE);
        if (agreement == null) {
            throw ProblemException.notFound("agreement", agreementId);
        }
        agreements.requireWritable(agreement);
        return agreement;
    }

    private static void requireNotArchived(Agreement agreement) {
        if (agreement.archived()) {
            throw new ProblemException(ProblemType.CONFLICT, "This agreement is archived and can no longer be changed.");
        }
    }

    private static void requirePathNumber(ItemInput input, int number) {
        if (input.number() != null && input.number() != number) {
            throw ProblemException.invalid("number", "must be the number in the path (" + number + "), or be left out");
        }
    }
}
