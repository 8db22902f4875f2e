package no.katapult.application.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import no.katapult.application.application.ApplicationAccess.View;
import no.katapult.application.application.ApplicationDtos.ApplicationRequest;
import no.katapult.application.application.ApplicationDtos.ApplicationView;
import no.katapult.application.application.ApplicationDtos.PublicApplicationView;
import no.katapult.application.call.CallService;
import no.katapult.application.call.CallState;
import no.katapult.application.call.FundingCall;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.application.security.Caller;
import no.katapult.application.time.Clocks;
import no.katapult.common.http.ETags;
import no.katapult.common.idempotency.IdempotencyKeys;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.money.Money;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    ObjectMapper json;

    /** What POST /applications answers: a fresh creation, or the replay of an earlier one with the same key. */
    public record Created(int status, String body, String location, String etag, boolean replayed) {
    }

    /** Filters of GET /applications, already parsed. */
    public record Filter(UUID callId, ApplicationStatus status, String orgNo, String q) {
    }

    @Transactional
    public Created create(ApplicationRequest body, String idempotencyKey, Optional<String> leadName) {
        String leadOrgNo = caller.requireOrgNo();
        String scope = "POST /api/v1/applications " + caller.subject();
        if (idempotencyKey != null) {
            Optional<StoredResponse> earlier = IdempotencyKeys.claim(em, scope, idempotencyKey,
                    IdempotencyKeys.hash(leadOrgNo + "\n" + write(body)));
            if (earlier.isPresent()) {
                StoredResponse r = earlier.get();
                return new Created(r.status(), r.body(), r.location(), r.etag(), true);
            }
        }
        if (body.callId() == null) {
            throw ProblemException.badRequest("callId", "must not be null");
        }
        FundingCall call = FundingCall.findById(body.callId());
        if (call == null) {
            throw ProblemException.unprocessable("unknown-call", "There is no call " + body.callId())
                    .with("callId", body.callId());
        }
        if (call.stateAt(clock.instant()) == CallState.CLOSED) {
            throw ProblemException.unprocessable("call-closed",
                    "The call closed at " + call.closesAt.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime()
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
        String location = "/api/v1/applications/" + a.id;
        String etag = ETags.of(a.version);
        String responseBody = write(ApplicationView.of(a));
        if (idempotencyKey != null) {
            IdempotencyKeys.complete(em, scope, idempotencyKey, new StoredResponse(201, responseBody, location, etag));
        }
        return new Created(201, responseBody, location, etag, false);
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
                            + call.opensAt.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime() + "; submit after that")
                    .with("opensAt", call.opensAt.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime());
        }
        if (state == CallState.CLOSED) {
            throw ProblemException.unprocessable("deadline-passed",
                    "The deadline was " + call.closesAt.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime()
                            + " (Europe/Oslo); the call no longer accepts submissions")
                    .with("closesAt", call.closesAt.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime());
        }
        List<Problem.FieldError> missing = completeness(a, call);
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-application", "Application incomplete",
                    "The application cannot be submitted: " + missing.size()
                            + (missing.size() == 1 ? " item is" : " items are") + " missing or wrong", missing);
        }
        ApplicationStatus from = a.move(Transition.SUBMIT, ApplicationStatus.SUBMITTED, now);
        a.submittedAt = now;
        history.record(a.id, caller.username(), HistoryAction.SUBMIT, from, a.status, null);
        em.flush();
        return ApplicationView.of(a);
    }

    @Transactional
    public ApplicationView withdraw(UUID id, String ifMatch, String comment) {
        Application a = access.requireLead(id, true);
        ETags.check(ifMatch, a.version, false);
        ApplicationStatus from = a.move(Transition.WITHDRAW, ApplicationStatus.WITHDRAWN, OffsetDateTime.now(clock));
        history.record(a.id, caller.username(), HistoryAction.WITHDRAW, from, a.status,
                comment == null || comment.isBlank() ? null : comment.trim());
        em.flush();
        return ApplicationView.of(a);
    }

    /** The representation the caller may see: the full application or, for partners, its public outcome. */
    public Object viewFor(Application a) {
        return switch (access.viewOf(a)) {
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
        StringBuilder where = new StringBuilder(" WHERE (");
        Map<String, Object> params = new HashMap<>();
        List<String> visible = new ArrayList<>();
        boolean partnerOnly = !caller.isAdmin() && !caller.has(Caller.APPLICANT) && !caller.has(Caller.REVIEWER);
        if (caller.isAdmin()) {
            visible.add("TRUE");
        } else {
            Optional<String> org = caller.orgNo();
            if (caller.has(Caller.APPLICANT) && org.isPresent()) {
                visible.add("a.lead_org_no = :me_org OR EXISTS (SELECT 1 FROM application_partner p "
                        + "WHERE p.application_id = a.id AND p.org_no = :me_org)");
                params.put("me_org", org.get());
            }
            if (caller.has(Caller.REVIEWER)) {
                visible.add("EXISTS (SELECT 1 FROM review_assignment r WHERE r.application_id = a.id "
                        + "AND r.reviewer = :me_user)");
                params.put("me_user", caller.username());
            }
            if (caller.has(Caller.PARTNER)) {
                visible.add("a.status IN ('APPROVED', 'REJECTED')");
            }
        }
        where.append(visible.isEmpty() ? "FALSE" : String.join(" OR ", visible)).append(")");
        if (filter.callId() != null) {
            where.append(" AND a.call_id = :call_id");
            params.put("call_id", filter.callId());
        }
        if (filter.status() != null) {
            where.append(" AND a.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.orgNo() != null) {
            where.append(" AND (a.lead_org_no = :org OR EXISTS (SELECT 1 FROM application_partner fp "
                    + "WHERE fp.application_id = a.id AND fp.org_no = :org))");
            params.put("org", filter.orgNo());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            // Partners see no summaries, so they cannot search them either.
            where.append(partnerOnly
                    ? " AND (a.title ILIKE :q ESCAPE '\\' OR a.reference ILIKE :q ESCAPE '\\' OR a.lead_name ILIKE :q ESCAPE '\\')"
                    : " AND (a.title ILIKE :q ESCAPE '\\' OR a.summary ILIKE :q ESCAPE '\\' "
                    + "OR a.reference ILIKE :q ESCAPE '\\' OR a.lead_name ILIKE :q ESCAPE '\\')");
            params.put("q", "%" + filter.q().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM application a" + where);
        Query ids = em.createNativeQuery("SELECT a.id FROM application a" + where
                + " ORDER BY a.created_at DESC, a.id LIMIT :limit OFFSET :offset", UUID.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        ids.setParameter("limit", page.size()).setParameter("offset", page.offset());
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<UUID> pageIds = ids.getResultList();
        if (pageIds.isEmpty()) {
            return PageResponse.of(List.of(), page, total);
        }
        Map<UUID, Application> byId = Application.<Application>list("id in ?1", pageIds).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        Map<UUID, String> callTitles = new HashMap<>();
        List<Object> items = new ArrayList<>();
        for (UUID id : pageIds) {
            Application a = byId.get(id);
            View view = access.viewOf(a);
            if (view == View.FULL) {
                items.add(ApplicationView.of(a));
            } else if (view == View.PUBLIC) {
                String title = callTitles.computeIfAbsent(a.callId, c -> calls.get(c).title);
                items.add(PublicApplicationView.of(a, title));
            }
        }
        return PageResponse.of(items, page, total);
    }

    /** Every reason the application cannot be submitted yet, all at once. */
    static List<Problem.FieldError> completeness(Application a, FundingCall call) {
        List<Problem.FieldError> missing = new ArrayList<>();
        if (a.title == null || a.title.isBlank()) {
            missing.add(new Problem.FieldError("title", "is required"));
        }
        if (a.summary == null || a.summary.isBlank()) {
            missing.add(new Problem.FieldError("summary", "is required"));
        }
        if (a.budgetLines.isEmpty()) {
            missing.add(new Problem.FieldError("budgetLines", "at least one budget line is required"));
        }
        if (a.requestedAmount == null) {
            missing.add(new Problem.FieldError("requestedAmount", "is required"));
        } else if (a.requestedAmount.signum() <= 0) {
            missing.add(new Problem.FieldError("requestedAmount", "must be greater than 0"));
        } else if (a.requestedAmount.compareTo(call.maxAmountPerApplication) > 0) {
            missing.add(new Problem.FieldError("requestedAmount", "must not exceed the call's maximum of "
                    + Money.nok(call.maxAmountPerApplication).amount().toPlainString() + " NOK per application"));
        }
        if (!a.budgetLines.isEmpty() && a.requestedAmount != null) {
            BigDecimal lines = a.budgetLines.stream().map(l -> l.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal funding = a.requestedAmount.add(a.ownFunding);
            if (lines.compareTo(funding) != 0) {
                missing.add(new Problem.FieldError("budgetLines", "the budget lines sum to "
                        + Money.nok(lines).amount().toPlainString() + " NOK, but requestedAmount + ownFunding is "
                        + Money.nok(funding).amount().toPlainString() + " NOK"));
            }
        }
        return missing;
    }

    private static void apply(Application a, ApplicationRequest body) {
        a.title = trimToNull(body.title());
        a.summary = trimToNull(body.summary());
        a.focusArea = trimToNull(body.focusArea());
        a.contactName = body.contactPerson() == null ? null : trimToNull(body.contactPerson().name());
        a.contactEmail = body.contactPerson() == null ? null : trimToNull(body.contactPerson().email());
        List<Partner> partners = body.partners() == null ? List.of()
                : body.partners().stream().map(p -> new Partner(p.orgNo(), p.name().trim(), trimToNull(p.role()))).toList();
        a.partners.clear();
        a.partners.addAll(partners);
        List<BudgetLine> lines = body.budgetLines() == null ? List.of()
                : body.budgetLines().stream().map(l -> new BudgetLine(l.category(), trimToNull(l.description()),
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
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < body.partners().size(); i++) {
            String orgNo = body.partners().get(i).orgNo();
            if (orgNo.equals(leadOrgNo)) {
                errors.add(new Problem.FieldError("partners[" + i + "].orgNo", "is the lead applicant itself"));
            }
            Integer first = seen.putIfAbsent(orgNo, i);
            if (first != null) {
                errors.add(new Problem.FieldError("partners[" + i + "].orgNo", "duplicates partners[" + first + "]"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? "1 field is invalid"
                    : errors.size() + " fields are invalid", errors);
        }
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
