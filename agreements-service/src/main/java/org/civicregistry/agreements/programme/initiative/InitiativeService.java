package org.civicregistry.agreements.programme.initiative;

import java.time.LocalDate;
import java.time.ZoneId;
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

import org.civicregistry.agreements.programme.Programme;
import org.civicregistry.agreements.programme.ProgrammeService;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.outbox.ChangeRecorder;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.write.MergePatches;

/**
 * Writes of one initiative at {@code /programmes/{id}/initiatives/{number}}, and its reports. An
 * initiative is part of its programme: a write locks the programme's row, checks the editor's
 * jurisdiction over the programme, compares If-Match with the initiative's own version, and commits
 * the new programme version with one event on the programme's key:
 * {@code civic.programme.initiative.status_changed} when the status changed,
 * {@code civic.programme.initiative.reported} for a report, else {@code civic.programme.updated}.
 */
@ApplicationScoped
public class InitiativeService {

    /** "Today" is a day in Korea, where the register's governments are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    private final EntityManager em;
    private final ChangeRecorder changes;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final ProgrammeService programmes;
    private final InitiativeReferences references;

    public InitiativeService(EntityManager em, ChangeRecorder changes, ObjectMapper mapper, Validator validator,
            ProgrammeService programmes, InitiativeReferences references) {
        this.em = em;
        this.changes = changes;
        this.mapper = mapper;
        this.validator = validator;
        this.programmes = programmes;
        this.references = references;
    }

    public Initiative find(Programme programme, int number) {
        return programme.initiatives.stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Programme " + programme.id + " has no initiative " + number + "."));
    }

    /** Adds an initiative; without a number, the next after the highest. An existing number is a 409. */
    @Transactional
    public Initiative create(UUID programmeId, InitiativeInput input) {
        Programme programme = lock(programmeId);
        requireNotArchived(programme);
        int number = input.number() != null ? input.number()
                : programme.initiatives.stream().mapToInt(Initiative::number).max().orElse(0) + 1;
        if (number > Initiatives.MAX_NUMBER) {
            throw ProblemException.invalid("number", "must be from 1 to 999");
        }
        if (programme.initiatives.stream().anyMatch(i -> i.number() == number)) {
            throw new ProblemException(ProblemType.CONFLICT, "The programme already has an initiative " + number
                    + "; change it with PUT or PATCH on /initiatives/" + number + ".",
                    List.of(new Violation("number", "initiative " + number + " already exists")), List.of());
        }
        if (programme.initiatives.size() >= Initiatives.MAX_INITIATIVES) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "A programme has at most " + Initiatives.MAX_INITIATIVES + " initiatives.");
        }
        Initiatives.checkOne(input);
        references.check("", input);
        Initiative initiative = Initiatives.next(null, number, input);
        List<Initiative> initiatives = new ArrayList<>(programme.initiatives);
        initiatives.add(initiative);
        save(programme, initiatives, "updated");
        return initiative;
    }

    @Transactional
    public Initiative replace(UUID programmeId, int number, HttpHeaders headers, InitiativeInput input) {
        requirePathNumber(input, number);
        Programme programme = lock(programmeId);
        Initiative current = find(programme, number);
        Versions.requireMatch(headers, current.version());
        requireNotArchived(programme);
        return write(programme, current, input);
    }

    @Transactional
    public Initiative patch(UUID programmeId, int number, HttpHeaders headers, JsonNode patch) {
        MergePatches.requireObject(patch);
        Programme programme = lock(programmeId);
        Initiative current = find(programme, number);
        Versions.requireMatch(headers, current.version());
        requireNotArchived(programme);
        InitiativeInput input = MergePatches.apply(mapper, validator, current.input(), patch, InitiativeInput.class, "initiative");
        requirePathNumber(input, number);
        return write(programme, current, input);
    }

    /**
     * Appends a report, which becomes the initiative's status and progress. Appending loses nothing
     * whoever else writes meanwhile (the row lock orders them), so it needs no If-Match; its date may
     * not be in the future nor before the newest report, so the newest report is the current state.
     */
    @Transactional
    public Initiative report(UUID programmeId, int number, Report report) {
        Programme programme = lock(programmeId);
        Initiative current = find(programme, number);
        requireNotArchived(programme);
        if (report.on().isAfter(LocalDate.now(REGISTER_ZONE))) {
            throw ProblemException.invalid("on", "must not be in the future");
        }
        if (!current.reports().isEmpty()) {
            LocalDate newest = current.reports().get(current.reports().size() - 1).on();
            if (report.on().isBefore(newest)) {
                throw ProblemException.invalid("on", "must not be before the newest report (" + newest + ")");
            }
        }
        if (current.reports().size() >= Initiatives.MAX_REPORTS) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "An initiative has at most " + Initiatives.MAX_REPORTS + " reports.");
        }
        Initiative next = current.reported(new Report(report.on(), report.status(), report.progress(), report.note(),
                report.sources() == null ? List.of() : List.copyOf(report.sources())));
        replaceIn(programme, next, "initiative.reported");
        return next;
    }

    private Initiative write(Programme programme, Initiative current, InitiativeInput input) {
        Initiatives.checkOne(input);
        references.check("", input);
        Initiative next = Initiatives.next(current, current.number(), input);
        if (next.version() == current.version()) {
            return current; // nothing changed: no new version, no event
        }
        replaceIn(programme, next, next.status() != current.status() ? "initiative.status_changed" : "updated");
        return next;
    }

    private void replaceIn(Programme programme, Initiative next, String action) {
        List<Initiative> initiatives = new ArrayList<>(programme.initiatives);
        initiatives.replaceAll(i -> i.number() == next.number() ? next : i);
        save(programme, initiatives, action);
    }

    private void save(Programme programme, List<Initiative> initiatives, String action) {
        initiatives.sort(Comparator.comparingInt(Initiative::number));
        programme.initiatives = List.copyOf(initiatives);
        programme.touch();
        em.flush();
        changes.record(programmes.entityType(), programme.id, programme.version, action, programme.updatedAt, programmes.view(programme));
    }

    /** Locks the programme's row, then checks the caller may write it. */
    private Programme lock(UUID programmeId) {
        Programme programme = em.find(Programme.class, programmeId, LockModeType.PESSIMISTIC_WRITE);
        if (programme == null) {
            throw ProblemException.notFound("programme", programmeId);
        }
        programmes.requireWritable(programme);
        return programme;
    }

    private static void requireNotArchived(Programme programme) {
        if (programme.archived()) {
            throw new ProblemException(ProblemType.CONFLICT, "This programme is archived and can no longer be changed.");
        }
    }

    private static void requirePathNumber(InitiativeInput input, int number) {
        if (input.number() != null && input.number() != number) {
            throw ProblemException.invalid("number", "must be the number in the path (" + number + "), or be left out");
        }
    }
}
