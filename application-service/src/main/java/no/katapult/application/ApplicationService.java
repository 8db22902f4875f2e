package no.katapult.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.application.ApplicationAccess.Visibility;
import no.katapult.application.call.CallService;
import no.katapult.application.call.CallState;
import no.katapult.application.call.FundingCall;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.common.http.ETags;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.idempotency.IdempotencyStore;
import no.katapult.common.money.Money;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.persistence.SqlFilter;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import no.katapult.common.time.Clocks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

@ApplicationScoped
public class ApplicationService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApplicationAccess access;

    @Inject
    CallService calls;

    @Inject
    History history;

    @Inject
    ReferenceNumbers references;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ObjectMapper json;

    @Inject
    ApplicationEvents events;

    /** The Idempotency-Key of a create, with its scope and the hash of the request it came with. */
    public record IdempotentRequest(String scope, String key, String requestHash) {
    }

    /** What POST /applications answers: a fresh creation, or the replay of an earlier one with the same key. */
    public record Created(StoredResponse response, boolean replayed) {
    }

    /** Filters of GET /applications, already parsed. */
    public record Filter(UUID callId, ApplicationStatus status, String orgNo, String q) {
    }

    /** Creates a draft led by the caller's organisation; with a key, claims it in the same transaction. */
    @Transactional
    public Created create(ApplicationRequest body, IdempotentRequest idempotent, Optional<String> leadName) {
        String leadOrgNo = caller.requireOrgNo();
        if (idempotent != null) {
            // A concurrent request with the same key that committed first is replayed, not repeated.
            Optional<StoredResponse> earlier = idempotency.claim(idempotent.scope(), idempotent.key(),
                    idempotent.requestHash());
            if (earlier.isPresent()) {
                return new Created(earlier.get(), true);
            }
        }
        if (body.callId() == null) {
            throw ProblemException.badRequest("callId", "must not be null");
        }
        FundingCall call = FundingCall.findById(body.callId());
        if (call == null) {
            throw ProblemException.unprocessable("unknown-call", "There is no call " + body.callId())
                    .with(ProblemMember.CALL_ID, body.callId());
        }
        if (call.stateAt(clock.instant()) == CallState.CLOSED) {
            throw ProblemException.unprocessable("call-closed",
                    "The call closed at " + Clocks.inOslo(call.closesAt)
                            + " (Europe/Oslo); no new applications are accepted");
        }
        validateParties(body, leadOrgNo);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Application a = new Application();
        a.id = UUID.randomUUID();
        a.reference = references.next(now.atZoneSameInstant(Clocks.OSLO).getYear());
        a.callId = call.id;
        a.leadOrgNo = leadOrgNo;
        a.leadName = leadName.orElse(null);
        a.status = ApplicationStatus.DRAFT;
        a.createdBy = caller.username();
        a.createdAt = now;
        apply(a, body);
        a.updatedAt = now;
        a.persist();
        history.record(a.id, caller.username(), HistoryAction.CREATE, null, ApplicationStatus.DRAFT,
                "Draft " + a.reference + " created for " + leadOrgNo);
        em.flush();
        StoredResponse response = new StoredResponse(201, write(ApplicationView.of(a)),
                "/api/v1/applications/" + a.id, ETags.of(a.version));
        if (idempotent != null) {
            idempotency.complete(idempotent.scope(), idempotent.key(), response);
        }
        return new Created(response, false);
    }

    @Transactional
    public ApplicationView update(UUID id, ApplicationRequest body, String ifMatch, Optional<String> leadName) {
        Application a = access.requireLead(id, true);
        ETags.check(ifMatch, a.version, true);
        Transition.EDIT.requireFrom(a.status);
        if (body.callId() != null && !body.callId().equals(a.callId)) {
            throw ProblemException.unprocessable("call-immutable",
                    "An application stays in the call it was created for; create a new application for another call");
        }
        validateParties(body, a.leadOrgNo);
        Map<String, Object> before = snapshot(a);
        apply(a, body);
        if (a.leadName == null) {
            a.leadName = leadName.orElse(null);
        }
        Map<String, Object> after = snapshot(a);
        List<String> changed = before.keySet().stream()
                .filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
        if (!changed.isEmpty()) {
            a.updatedAt = OffsetDateTime.now(clock);
            history.record(a.id, caller.username(), HistoryAction.EDIT, a.status, a.status,
                    "Changed: " + String.join(", ", changed));
        }
        em.flush();
        return ApplicationView.of(a);
    }

    @Transactional
    public ApplicationView submit(UUID id, String ifMatch) {
        Application a = access.requireLead(id, true);
        ETags.check(ifMatch, a.version, false);
        Transition.SUBMIT.requireFrom(a.status);
        FundingCall call = calls.get(a.callId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        CallState state = call.stateAt(now.toInstant());
        if (state == CallState.UPCOMING) {
            throw ProblemException.unprocessable("call-not-open",
                    "The call opens at " + Clocks.OSLO.getId() + " time "
                            + Clocks.inOslo(call.opensAt) + "; submit after that")
                    .with(ProblemMember.OPENS_AT, Clocks.inOslo(call.opensAt));
        }
        if (state == CallState.CLOSED) {
            throw ProblemException.unprocessable("deadline-passed",
                    "The deadline was " + Clocks.inOslo(call.closesAt)
                            + " (Europe/Oslo); the call no longer accepts submissions")
                    .with(ProblemMember.CLOSES_AT, Clocks.inOslo(call.closesAt));
        }
        Completeness.require(a, call.maxAmountPerApplication, attachedKinds(a.id));
        ApplicationStatus from = a.move(Transition.SUBMIT, ApplicationStatus.SUBMITTED, now);
        a.submittedAt = now;
        a.submittedBy = caller.username();
        a.submittedByEmail = caller.email().filter(e -> e.length() <= 320).orElse(null);
        String locale = caller.locale().toLanguageTag();
        // The column holds 35 characters; the language, which is all the mails need, comes first.
        a.submittedByLocale = locale.length() <= 35 ? locale : locale.substring(0, 35);
        history.record(a.id, caller.username(), HistoryAction.SUBMIT, from, a.status, null);
        em.flush();
        return events.submitted(a);
    }

    @Transactional
    public ApplicationView withdraw(UUID id, String ifMatch, String comment) {
        Application a = access.requireLead(id, true);
        ETags.check(ifMatch, a.version, false);
        ApplicationStatus from = a.move(Transition.WITHDRAW, ApplicationStatus.WITHDRAWN, OffsetDateTime.now(clock));
        history.record(a.id, caller.username(), HistoryAction.WITHDRAW, from, a.status,
                comment == null || comment.isBlank() ? null : comment.trim());
        em.flush();
        return events.withdrawn(a);
    }

    /**
     * The kinds of the application's stored attachments. Read here rather than through the attachment package, which
     * depends on this one; the application row lock that submit holds keeps an upload from completing meanwhile.
     */
    private Set<AttachmentKind> attachedKinds(UUID applicationId) {
        @SuppressWarnings("unchecked")
        List<String> kinds = em.createNativeQuery("SELECT DISTINCT kind FROM attachment WHERE application_id = ?1 "
                + "AND state = 'STORED'").setParameter(1, applicationId).getResultList();
        Set<AttachmentKind> result = EnumSet.noneOf(AttachmentKind.class);
        kinds.forEach(k -> result.add(AttachmentKind.valueOf(k)));
        return result;
    }

    /** The representation the caller may see: the full application or, for partners, its public outcome. */
    public Object viewFor(Application a) {
        return switch (access.visibilityOf(a)) {
            case FULL -> ApplicationView.of(a);
            case PUBLIC -> PublicApplicationView.of(a, calls.get(a.callId).title);
            case NONE -> throw ApplicationAccess.notFound(a.id);
        };
    }

    /** The application as the caller may see it (404 if not at all). */
    @Transactional
    public Object read(UUID id) {
        Application a = Application.findById(id);
        if (a == null) {
            throw ApplicationAccess.notFound(id);
        }
        return viewFor(a);
    }

    @Transactional
    public PageResponse<Object> list(Filter filter, PageRequest page) {
        SqlFilter sql = new SqlFilter("application a");
        List<String> visible = new ArrayList<>();
        boolean partnerOnly = !caller.isAdmin() && !caller.has(Roles.APPLICANT) && !caller.has(Roles.REVIEWER);
        if (caller.isAdmin()) {
            visible.add("TRUE");
        } else {
            Optional<String> org = caller.orgNo();
            if (caller.has(Roles.APPLICANT) && org.isPresent()) {
                visible.add("a.lead_org_no = :me_org OR EXISTS (SELECT 1 FROM application_partner p "
                        + "WHERE p.application_id = a.id AND p.org_no = :me_org)");
                sql.bind("me_org", org.get());
            }
            if (caller.has(Roles.REVIEWER)) {
                visible.add("EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id "
                        + "AND r.reviewer = :me_user)");
                sql.bind("me_user", caller.username());
            }
            if (caller.has(Roles.PARTNER)) {
                visible.add("a.status IN ('APPROVED', 'REJECTED')");
            }
        }
        Map<UUID, String> callTitles = new HashMap<>();
        return sql.and("(" + (visible.isEmpty() ? "FALSE" : String.join(" OR ", visible)) + ")")
                .and("a.call_id = :call_id", "call_id", filter.callId())
                .and("a.status = :status", "status", filter.status() == null ? null : filter.status().name())
                .and("(a.lead_org_no = :org OR EXISTS (SELECT 1 FROM application_partner fp "
                        + "WHERE fp.application_id = a.id AND fp.org_no = :org))", "org", filter.orgNo())
                // Partners see no summaries, so they cannot search them either.
                .contains(partnerOnly
                        ? "(a.title ILIKE :q ESCAPE '\\' OR a.reference ILIKE :q ESCAPE '\\' OR a.lead_name ILIKE :q ESCAPE '\\')"
                        : "(a.title ILIKE :q ESCAPE '\\' OR a.summary ILIKE :q ESCAPE '\\' "
                        + "OR a.reference ILIKE :q ESCAPE '\\' OR a.lead_name ILIKE :q ESCAPE '\\')", "q", filter.q())
                .page(em, "a.*", Application.class, "a.created_at DESC, a.id", page, applications -> {
                    List<Object> items = new ArrayList<>();
                    for (Application a : applications) {
                        Visibility visibility = access.visibilityOf(a);
                        if (visibility == Visibility.FULL) {
                            items.add(ApplicationView.of(a));
                        } else if (visibility == Visibility.PUBLIC) {
                            String title = callTitles.computeIfAbsent(a.callId, c -> calls.get(c).title);
                            items.add(PublicApplicationView.of(a, title));
                        }
                    }
                    return items;
                });
    }

    private static void apply(Application a, ApplicationRequest body) {
        a.title = trimToNull(body.title());
        a.summary = trimToNull(body.summary());
        a.focusArea = trimToNull(body.focusArea());
        a.contactName = body.contactPerson() == null ? null : trimToNull(body.contactPerson().name());
        a.contactEmail = body.contactPerson() == null ? null : trimToNull(body.contactPerson().email());
        List<ApplicationPartner> partners = body.partners() == null ? List.of()
                : body.partners().stream()
                .map(p -> new ApplicationPartner(p.orgNo(), p.name().trim(), trimToNull(p.role()))).toList();
        a.partners.clear();
        a.partners.addAll(partners);
        List<ApplicationBudgetLine> lines = body.budgetLines() == null ? List.of()
                : body.budgetLines().stream().map(l -> new ApplicationBudgetLine(l.category(), trimToNull(l.description()),
                        Money.nok(l.amount().amount()).amount())).toList();
        a.budgetLines.clear();
        a.budgetLines.addAll(lines);
        a.requestedAmount = body.requestedAmount() == null ? null : Money.nok(body.requestedAmount().amount()).amount();
        a.ownFunding = body.ownFunding() == null ? Money.zero().amount() : Money.nok(body.ownFunding().amount()).amount();
    }

    /** Partners must be distinct organisations and not the lead itself. */
    private static void validateParties(ApplicationRequest body, String leadOrgNo) {
        if (body.partners() == null) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < body.partners().size(); i++) {
            String orgNo = body.partners().get(i).orgNo();
            if (orgNo.equals(leadOrgNo)) {
                errors.add("partners[" + i + "].orgNo", "is the lead applicant itself");
            }
            Integer first = seen.putIfAbsent(orgNo, i);
            if (first != null) {
                errors.add("partners[" + i + "].orgNo", "duplicates partners[" + first + "]");
            }
        }
        errors.throwIfAny();
    }

    private static Map<String, Object> snapshot(Application a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", a.title);
        m.put("summary", a.summary);
        m.put("focusArea", a.focusArea);
        m.put("contactPerson", a.contactName + "|" + a.contactEmail);
        StringJoiner partners = new StringJoiner(";");
        a.partners.forEach(p -> partners.add(p.orgNo + "|" + p.name + "|" + p.role));
        m.put("partners", partners.toString());
        StringJoiner lines = new StringJoiner(";");
        a.budgetLines.forEach(l -> lines.add(l.category + "|" + l.description + "|" + l.amount.toPlainString()));
        m.put("budgetLines", lines.toString());
        m.put("requestedAmount", a.requestedAmount == null ? null : a.requestedAmount.toPlainString());
        m.put("ownFunding", a.ownFunding == null ? null : a.ownFunding.toPlainString());
        return m;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
