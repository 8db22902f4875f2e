package no.katapult.booking.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import no.katapult.booking.aid.AidLedger;
import no.katapult.booking.caller.Caller;
import no.katapult.booking.registry.BookableResource;
import no.katapult.booking.registry.Registry;
import no.katapult.booking.registry.RegistryOrganisation;
import no.katapult.common.http.ETags;
import no.katapult.common.idempotency.IdempotencyKeys;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.ProblemException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Making bookings and moving them through their states, with the rules of issue 5. */
@ApplicationScoped
public class BookingService {

    static final String EXCLUSION_VIOLATION = "23P01";

    @Inject
    EntityManager em;

    @Inject
    Registry registry;

    @Inject
    AidLedger aid;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    BookingQueries queries;

    /**
     * Creates a booking, or replays the first answer for a repeated Idempotency-Key. Registry data is
     * fetched before the transaction, so no database connection waits on the network.
     */
    public StoredResponse create(BookingRequest request, String idempotencyKey) {
        if (!request.end().isAfter(request.start())) {
            throw ProblemException.badRequest("end", "must be after start");
        }
        String orgNo = caller.orgNo();
        if (orgNo == null) {
            throw ProblemException.forbidden("Your token carries no org_no claim, so you cannot book for an organisation");
        }
        String requestHash = IdempotencyKeys.hash(canonical(request));
        if (idempotencyKey != null) {
            Optional<StoredResponse> earlier = earlierAnswer(idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }

        BookableResource resource = registry.resource(request.resourceType(), request.resourceId())
                .orElseThrow(() -> ProblemException.unprocessable("unknown-resource",
                        "catapult-registry has no " + request.resourceType().name().toLowerCase() + " "
                                + request.resourceId()).with("field", "resourceId"));
        RegistryOrganisation organisation = registry.organisation(orgNo, caller.rawToken())
                .filter(o -> o.smeClass() != null)
                .orElseThrow(() -> ProblemException.unprocessable("sme-declaration-missing",
                        "Organisation " + orgNo + " has no SME declaration in catapult-registry. Declare employees, "
                                + "turnover and balance sheet with PUT /api/v1/organisations/" + orgNo
                                + " before booking, so the right price and state aid can be set"));

        Instant start = request.start().toInstant();
        Instant end = request.end().toInstant();
        Instant now = clock.instant();
        BookingPolicy policy = new BookingPolicy(resource);
        policy.check(start, end, now);
        PriceSnapshot price = PriceSnapshot.of(resource, organisation.smeClass(), Duration.between(start, end));

        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.resourceType = resource.type();
        booking.resourceId = resource.resourceId();
        booking.resourceName = truncate(resource.resourceName() == null ? resource.resourceId().toString()
                : resource.resourceName(), 300);
        booking.facilityId = resource.facility().id();
        booking.facilityName = truncate(resource.facility().name() == null ? "" : resource.facility().name(), 300);
        booking.centreCode = resource.centreCode();
        booking.location = truncate(resource.location(), 500);
        booking.orgNo = orgNo;
        booking.bookedBy = caller.username();
        booking.start = start.atOffset(ZoneOffset.UTC);
        booking.end = end.atOffset(ZoneOffset.UTC);
        booking.purpose = request.purpose().trim();
        booking.status = policy.requiresApproval() ? BookingStatus.REQUESTED : BookingStatus.CONFIRMED;
        booking.bufferMinutes = policy.bufferMinutes();
        booking.freeCancellationNoticeHours = policy.freeCancellationNoticeHours();
        booking.priceBasis = price.basis();
        booking.hourlyPrice = price.hourly();
        booking.totalPrice = price.total();
        booking.standardTotal = price.standardTotal();
        booking.aidAmount = price.aidAmount();
        booking.createdAt = now.atOffset(ZoneOffset.UTC);
        booking.updatedAt = booking.createdAt;

        String scope = caller.subject();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (idempotencyKey != null) {
                    Optional<StoredResponse> replay = IdempotencyKeys.claim(em, scope, idempotencyKey, requestHash);
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                aid.lockOrganisation(orgNo);
                aid.checkCeiling(orgNo, booking.aidAmount, now);
                insert(booking);
                StoredResponse response = new StoredResponse(201, json(BookingView.of(booking)),
                        "/api/v1/bookings/" + booking.id, ETags.of(booking.version));
                if (idempotencyKey != null) {
                    IdempotencyKeys.complete(em, scope, idempotencyKey, response);
                }
                return response;
            });
        } catch (OverlapException e) {
            throw conflictWith(booking);
        }
    }

    public BookingView get(UUID id) {
        return BookingView.of(visible(id, LockModeType.NONE));
    }

    public PageResponse<BookingView> list(BookingFilter filter, PageRequest page) {
        return queries.page(filter, page).map(BookingView::of);
    }

    public BookingView confirm(UUID id, String ifMatch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Booking b = visible(id, LockModeType.PESSIMISTIC_WRITE);
            requireCentreStaff(b, "confirm");
            ETags.check(ifMatch, b.version, false);
            b.confirm(clock.instant().atOffset(ZoneOffset.UTC));
            em.flush();
            return BookingView.of(b);
        });
    }

    public BookingView reject(UUID id, String reason, String ifMatch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Booking b = visible(id, LockModeType.PESSIMISTIC_WRITE);
            requireCentreStaff(b, "reject");
            ETags.check(ifMatch, b.version, false);
            b.reject(reason.trim(), clock.instant().atOffset(ZoneOffset.UTC));
            em.flush();
            return BookingView.of(b);
        });
    }

    /**
     * The booking's organisation may cancel until the start; the centre's operator and Siva until the
     * end. Uses only what the booking row holds, so it works while the registry is down.
     */
    public BookingView cancel(UUID id, String reason, String ifMatch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Booking b = visible(id, LockModeType.PESSIMISTIC_WRITE);
            ETags.check(ifMatch, b.version, false);
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            boolean staff = isCentreStaff(b);
            OffsetDateTime deadline = staff ? b.end : b.start;
            if (b.status.isActive() && !now.isBefore(deadline)) {
                throw ProblemException.unprocessable("cancellation-too-late", staff
                                ? "A booking can be cancelled until it ends (" + BookingView.iso(b.end) + ")"
                                : "Your organisation can cancel a booking until it starts (" + BookingView.iso(b.start)
                                + "); ask the centre after that")
                        .with("rule", staff ? "cancelBeforeEnd" : "cancelBeforeStart");
            }
            b.cancel(reason.trim(), now);
            em.flush();
            return BookingView.of(b);
        });
    }

    private void insert(Booking booking) {
        try {
            em.persist(booking);
            em.flush();
        } catch (RuntimeException e) {
            if (EXCLUSION_VIOLATION.equals(sqlState(e))) {
                throw new OverlapException();
            }
            throw e;
        }
    }

    /** The winner of a race has committed by the time the constraint fires, so it can be named. */
    private ProblemException conflictWith(Booking attempted) {
        Optional<Map<String, OffsetDateTime>> other = QuarkusTransaction.requiringNew()
                .call(() -> queries.conflicting(attempted));
        ProblemException problem = ProblemException.conflict("booking-conflict", other
                .map(p -> "The period overlaps an existing booking from " + BookingView.iso(p.get("start")) + " to "
                        + BookingView.iso(p.get("end")) + " (with setup/teardown buffers it blocks "
                        + BookingView.iso(p.get("blockedStart")) + " to "
                        + BookingView.iso(p.get("blockedEnd")) + ")")
                .orElse("The period overlaps another booking of this resource or its facility"));
        other.ifPresent(p -> problem
                .with("conflictingPeriod", Map.of("start", BookingView.iso(p.get("start")),
                        "end", BookingView.iso(p.get("end"))))
                .with("blockedPeriod", Map.of("start", BookingView.iso(p.get("blockedStart")),
                        "end", BookingView.iso(p.get("blockedEnd")))));
        return problem;
    }

    private Optional<StoredResponse> earlierAnswer(String key, String requestHash) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest(IdempotencyKeys.HEADER, "must be 1 to 200 characters");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, body, location, etag "
                            + "FROM idempotency_key WHERE scope = ?1 AND key = ?2 AND status IS NOT NULL "
                            + "AND created_at >= now() - interval '24 hours'")
                    .setParameter(1, caller.subject()).setParameter(2, key).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = rows.get(0);
            if (!requestHash.equals(row[0])) {
                throw ProblemException.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used with a different request body");
            }
            return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                    (String) row[4]));
        });
    }

    private Booking visible(UUID id, LockModeType lock) {
        Booking b = em.find(Booking.class, id, lock);
        if (b == null || !queries.mayView(b)) {
            throw ProblemException.notFound("No booking " + id);
        }
        return b;
    }

    private boolean isCentreStaff(Booking b) {
        return caller.has(Caller.ADMIN) || (caller.has(Caller.OPERATOR) && b.centreCode.equals(caller.centreCode()));
    }

    private void requireCentreStaff(Booking b, String action) {
        if (!isCentreStaff(b)) {
            throw ProblemException.forbidden("Only an operator of centre " + b.centreCode + " or Siva may " + action
                    + " this booking");
        }
    }

    private String canonical(BookingRequest request) {
        return json(new BookingRequest(request.resourceType(), request.resourceId(),
                request.start().withOffsetSameInstant(ZoneOffset.UTC), request.end().withOffsetSameInstant(ZoneOffset.UTC),
                request.purpose()));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** An active booking already holds part of the period: the exclusion constraint said no. */
    static final class OverlapException extends RuntimeException {
        OverlapException() {
            super("overlap", null, false, false);
        }
    }
}
