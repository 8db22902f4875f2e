package no.katapult.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import no.katapult.booking.registry.RegistryClient;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.BookingPolicy;
import no.katapult.booking.rules.PriceSnapshot;
import no.katapult.booking.rules.SmeClass;
import no.katapult.common.http.ETags;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.idempotency.IdempotencyKeys;
import no.katapult.common.idempotency.IdempotencyStore;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.persistence.PersistenceErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.security.Caller;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Making bookings and moving them through their states, with the rules of issue 5. */
@ApplicationScoped
public class BookingService {

    static final String CREATE_OPERATION = "POST /api/v1/bookings";
    /** Attempts of the creating transaction when PostgreSQL aborts it to break a deadlock. */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    @Inject
    EntityManager em;

    @Inject
    RegistryClient registry;

    @Inject
    StateAid stateAid;

    @Inject
    BookingEvents events;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    BookingQueries queries;

    /** The answer to a create, and whether it repeats the answer to an earlier request with the same key. */
    public record Created(StoredResponse response, boolean replayed) {
    }

    /**
     * Creates a booking, or replays the first answer for a repeated Idempotency-Key. Registry data is
     * fetched before the transaction, so no database connection waits on the network, and fresh: the
     * booking's terms and the items it claims are the registry's as they are now.
     */
    public Created create(BookingRequest request, String idempotencyKey) {
        if (!request.end().isAfter(request.start())) {
            throw ProblemException.badRequest("end", "must be after start");
        }
        String orgNo = caller.requireOrgNo();
        String scope = IdempotencyStore.scope(caller.subject(), CREATE_OPERATION);
        String requestHash = IdempotencyKeys.hash(mapper, canonical(request));
        if (idempotencyKey != null) {
            Optional<StoredResponse> earlier = idempotency.peek(scope, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return new Created(earlier.get(), true);
            }
        }

        BookableResource resource = registry.currentResource(request.resourceType(), request.resourceId())
                .orElseThrow(() -> ProblemException.unprocessable("unknown-resource",
                        "catapult-registry has no " + request.resourceType().name().toLowerCase() + " "
                                + request.resourceId()).with(ProblemMember.FIELD, "resourceId"));
        SmeClass smeClass = registry.ownSmeClass(orgNo, caller.rawToken().orElseThrow())
                .orElseThrow(() -> ProblemException.unprocessable("sme-declaration-missing",
                        "Organisation " + orgNo + " has no SME declaration in catapult-registry. Declare employees, "
                                + "turnover and balance sheet with PUT /api/v1/organisations/" + orgNo
                                + " before booking, so the right price and state aid can be set"));

        Instant start = request.start().toInstant();
        Instant end = request.end().toInstant();
        Instant now = clock.instant();
        BookingPolicy policy = new BookingPolicy(resource);
        policy.check(start, end, now);
        PriceSnapshot price = PriceSnapshot.of(resource, smeClass, Duration.between(start, end));
        UUID id = UUID.randomUUID();
        try {
            return insertRetryingDeadlocks(() -> draft(id, request, resource, policy, price, orgNo, now),
                    scope, idempotencyKey, requestHash, now);
        } catch (Overlap e) {
            throw conflictWith(e.attempted);
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
            events.confirmed(b);
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
            events.rejected(b);
            stateAid.released(b);
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
            boolean staff = caller.staffs(b.centreCode);
            OffsetDateTime deadline = staff ? b.end : b.start;
            if (b.status.isActive() && !now.isBefore(deadline)) {
                throw ProblemException.unprocessable("cancellation-too-late", staff
                                ? "A booking can be cancelled until it ends (" + BookingView.iso(b.end) + ")"
                                : "Your organisation can cancel a booking until it starts (" + BookingView.iso(b.start)
                                + "); ask the centre after that")
                        .with(ProblemMember.RULE, staff ? "cancelBeforeEnd" : "cancelBeforeStart");
            }
            b.cancel(reason.trim(), now);
            em.flush();
            events.cancelled(b);
            stateAid.released(b);
            return BookingView.of(b);
        });
    }

    /**
     * {@link #lockSlots} keeps concurrent creations of one slot from deadlocking each other. A creation can
     * still meet a confirmation or cancellation of an overlapping booking inside the exclusion-constraint check,
     * and PostgreSQL may then abort one (40P01). The victim runs its transaction again, against the other's
     * committed row. Each attempt starts from a fresh entity.
     */
    private Created insertRetryingDeadlocks(Supplier<Booking> draft, String scope, String key,
                                            String requestHash, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> insert(draft.get(), scope, key, requestHash, now));
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !PersistenceErrors.isRetryable(e)) {
                    throw e;
                }
                LOG.debugf("Creating a booking lost a deadlock (attempt %d of %d); trying again", attempt, MAX_ATTEMPTS);
                pause(attempt);
            }
        }
    }

    /**
     * One attempt, inside its transaction: claim the key, reserve the aid, insert, publish the events,
     * record the answer. A refusal rolls all of it back, events included.
     */
    private Created insert(Booking booking, String scope, String key, String requestHash, Instant now) {
        if (key != null) {
            Optional<StoredResponse> replay = idempotency.claim(scope, key, requestHash);
            if (replay.isPresent()) {
                return new Created(replay.get(), true);
            }
        }
        lockSlots(booking);
        stateAid.reserve(booking.orgNo, booking.aidAmount, now);
        try {
            em.persist(booking);
            em.flush();
        } catch (RuntimeException e) {
            if (PersistenceErrors.EXCLUSION_VIOLATION.equals(PersistenceErrors.sqlState(e))) {
                throw new Overlap(booking);
            }
            throw e;
        }
        events.created(booking);
        stateAid.granted(booking);
        StoredResponse response = new StoredResponse(201, json(BookingView.of(booking)),
                "/api/v1/bookings/" + booking.id, ETags.of(booking.version));
        if (key != null) {
            idempotency.complete(scope, key, response);
        }
        return new Created(response, false);
    }

    /**
     * Creations that could collide in an exclusion constraint run one at a time. Without this, two concurrent
     * inserts into one slot each wait for the other's uncommitted row and PostgreSQL aborts one as a deadlock
     * victim (40P01); ten racers needed several rounds of that. Each booking locks its facility and every item it
     * claims, in one sorted order, so the locks cannot deadlock, and the loser then meets the winner's committed
     * row and gets the plain overlap (23P01). The locks end with the transaction.
     */
    private void lockSlots(Booking booking) {
        String keys = Stream.concat(Stream.of(booking.facilityId), Arrays.stream(booking.claimedItems))
                .filter(Objects::nonNull).map(UUID::toString).distinct().sorted()
                .collect(Collectors.joining(","));
        em.createNativeQuery("SELECT count(pg_advisory_xact_lock(hashtextextended('slot:' || k, 7013)))"
                        + " FROM unnest(string_to_array(?1, ',')) AS k")
                .setParameter(1, keys).getSingleResult();
    }

    private Booking draft(UUID id, BookingRequest request, BookableResource resource, BookingPolicy policy,
                          PriceSnapshot price, String orgNo, Instant now) {
        Booking booking = new Booking();
        booking.id = id;
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
        booking.bookedByEmail = caller.email().filter(e -> e.length() <= 320).orElse(null);
        booking.bookedByLocale = truncate(caller.locale().toLanguageTag(), 35);
        booking.start = request.start().toInstant().atOffset(ZoneOffset.UTC);
        booking.end = request.end().toInstant().atOffset(ZoneOffset.UTC);
        booking.purpose = request.purpose().trim();
        booking.status = policy.requiresApproval() ? BookingStatus.REQUESTED : BookingStatus.CONFIRMED;
        booking.bufferMinutes = policy.bufferMinutes();
        booking.freeCancellationNoticeHours = policy.freeCancellationNoticeHours();
        booking.priceBasis = price.basis();
        booking.hourlyPrice = price.hourly();
        booking.totalPrice = price.total();
        booking.standardTotal = price.standardTotal();
        booking.aidAmount = price.aidAmount();
        booking.claimedItems = resource.claimedItems().toArray(UUID[]::new);
        booking.createdAt = now.atOffset(ZoneOffset.UTC);
        booking.updatedAt = booking.createdAt;
        return booking;
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
                .with(ProblemMember.CONFLICTING_PERIOD, Map.of("start", BookingView.iso(p.get("start")),
                        "end", BookingView.iso(p.get("end"))))
                .with(ProblemMember.BLOCKED_PERIOD, Map.of("start", BookingView.iso(p.get("blockedStart")),
                        "end", BookingView.iso(p.get("blockedEnd")))));
        return problem;
    }

    private Booking visible(UUID id, LockModeType lock) {
        Booking b = em.find(Booking.class, id, lock);
        if (b == null || !queries.mayView(b)) {
            throw ProblemException.notFound("No booking " + id);
        }
        return b;
    }

    private void requireCentreStaff(Booking b, String action) {
        if (!caller.staffs(b.centreCode)) {
            throw ProblemException.forbidden("Only an operator of centre " + b.centreCode + " or Siva may " + action
                    + " this booking");
        }
    }

    /** The same request written with other offsets or whitespace hashes the same. */
    private static BookingRequest canonical(BookingRequest request) {
        return new BookingRequest(request.resourceType(), request.resourceId(),
                request.start().withOffsetSameInstant(ZoneOffset.UTC), request.end().withOffsetSameInstant(ZoneOffset.UTC),
                request.purpose());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    /** A short random pause, longer with each attempt, so the retries of one race do not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** An active booking already holds part of the period: the exclusion constraint said no. */
    static final class Overlap extends RuntimeException {
        final transient Booking attempted;

        Overlap(Booking attempted) {
            super("overlap", null, false, false);
            this.attempted = attempted;
        }
    }
}
