package no.katapult.booking.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.http.HttpClosedException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import no.katapult.booking.config.BookingConfig;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.BookingRules;
import no.katapult.booking.rules.Closure;
import no.katapult.booking.rules.Facility;
import no.katapult.booking.rules.OpeningInterval;
import no.katapult.booking.rules.ResourceType;
import no.katapult.booking.rules.SmeClass;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.requestid.RequestIdPropagation;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one client of catapult-registry, in the style of quarkus-super-heroes' VillainClient: the calls,
 * their timeouts, one circuit breaker for all of them, a short cache of the public catalogue and of each
 * organisation's declared SME class, and the handling of each answer, together.
 *
 * <p>The breaker counts only the registry's own failures: a 5xx, a timeout, a refused connection, an
 * empty or unreadable body. Those, and an open breaker, are 503 registry-unavailable with Retry-After.
 * A 404 is an answer (empty). Any other 4xx is the registry refusing this request, because of the
 * caller's input or token, so it never opens the breaker: 401 and 403 become 403 (the registry will not
 * show that to this caller), 429 a 503 with the registry's Retry-After, the rest 422 registry-refused.
 * Failures and 404s are not cached. Created at start-up, so a bad setting fails the start and the
 * breaker exists (for CircuitBreakerMaintenance) before the first call.
 *
 * <p>Two views of the catalogue: {@link #resource} from the short cache, for availability, and
 * {@link #currentResource} read past it, for making a booking, whose terms (centre, price, buffer, whether
 * it may be booked at all, the items a facility booking claims) must be the registry's as they are now.
 */
@Startup
@ApplicationScoped
public class RegistryClient {

    /** The breaker's name, for CircuitBreakerMaintenance. */
    public static final String BREAKER = "catapult-registry";

    private static final Logger LOG = Logger.getLogger(RegistryClient.class);
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final int IDLE_CONNECTION_SECONDS = 10;

    private final Api api;
    private final Guard guard;
    /** Runs the caches' background refreshes and upkeep, one at a time. */
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "registry-cache-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Cache<UUID, FacilityData> facilities;
    private final Cache<UUID, EquipmentData> equipment;
    private final Cache<UUID, CentreData> centres;
    private final Cache<String, SmeClass> smeClasses;

    RegistryClient(BookingConfig config, Clock clock, Ticker ticker) {
        BookingConfig.Registry registry = config.registry();
        this.facilities = cache(registry.cacheTtl(), 2000, ticker, this::fetchFacility);
        this.equipment = cache(registry.cacheTtl(), 5000, ticker, this::fetchEquipment);
        this.centres = cache(registry.cacheTtl(), 200, ticker, this::fetchCentre);
        // On the service's clock rather than Caffeine's nanoTime, so that a test can step past the bound.
        this.smeClasses = Caffeine.newBuilder().expireAfterWrite(registry.smeClassTtl()).maximumSize(20_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(registry.url())
                .connectTimeout(registry.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(registry.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(RequestIdPropagation.class)
                // Idle connections leave the pool before the registry's idle timeout (30 s) closes them.
                .property(QuarkusRestClientProperties.CONNECTION_TTL, IDLE_CONNECTION_SECONDS)
                .build(Api.class);
        this.guard = Guard.create()
                // A pooled connection can still be closed by the registry just as a request goes out on it.
                // Every call is a GET, so it is sent once more on a fresh connection.
                .withRetry()
                .maxRetries(1)
                .delay(0, ChronoUnit.MILLIS)
                .whenException(e -> e instanceof Unavailable u && u.connectionDropped())
                .done()
                .withCircuitBreaker()
                .name(BREAKER)
                .requestVolumeThreshold(6)
                .failureRatio(0.5)
                .successThreshold(1)
                .delay(registry.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .when(Unavailable.class::isInstance)
                .done()
                .build();
    }

    /**
     * The resource with its facility and centre, as the registry described it at most the cache's lifetime
     * ago; empty when the registry does not know it.
     */
    public Optional<BookableResource> resource(ResourceType type, UUID id) {
        return lookup(type, id, false);
    }

    /**
     * The same, as the registry describes it now: read past the cache (which it refreshes). A facility
     * comes with the items it holds now, so that a booking of it claims exactly those.
     */
    public Optional<BookableResource> currentResource(ResourceType type, UUID id) {
        return lookup(type, id, true);
    }

    private Optional<BookableResource> lookup(ResourceType type, UUID id, boolean current) {
        return answer(() -> {
            try {
                return Optional.of(resolve(type, id, current));
            } catch (NotFound e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The SME class the caller's own organisation declared; empty when the registry has no record or no
     * declaration of it. The caller's token is forwarded, so the registry applies its own access rule.
     *
     * <p>A declared class is reused for the setting's lifetime (60 s by default), which saves a registry call on
     * all but the first booking in that time: a changed declaration reaches new bookings at most that late.
     * An absent declaration and every refusal are asked again each time, so a first declaration applies at once.
     * Keyed by the organisation number alone, so only ask for the caller's own organisation: the registry shows it
     * to every user of that organisation.
     */
    public Optional<SmeClass> ownSmeClass(String orgNo, String bearerToken) {
        SmeClass known = smeClasses.getIfPresent(orgNo);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SmeClass> declared = organisation(orgNo, bearerToken).map(OrganisationData::smeClass);
        declared.ifPresent(smeClass -> smeClasses.put(orgNo, smeClass));
        return declared;
    }

    /**
     * The organisation's name as the registry records it now; empty when the registry has no record of it
     * (or no name), with the caller's token. Not cached: an aid statement names the organisation as it is now.
     */
    public Optional<String> organisationName(String orgNo, String bearerToken) {
        return organisation(orgNo, bearerToken).map(OrganisationData::name).filter(RegistryClient::present);
    }

    private Optional<OrganisationData> organisation(String orgNo, String bearerToken) {
        return answer(() -> {
            try {
                return Optional.of(call("organisation " + orgNo,
                        () -> api.organisation(orgNo, "Bearer " + bearerToken), OrganisationData.class));
            } catch (NotFound e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Caffeine's own cache rather than Quarkus's: Quarkus's keeps futures and gives Caffeine no executor, so
     * Caffeine notifies on the common ForkJoinPool, which on 2 cores has parallelism 1; CompletableFuture then
     * starts a new thread for every task (two per booking, measured). Here the upkeep runs on this client's one
     * refresh thread.
     *
     * <p>Refresh ahead: a read in the last third of an entry's lifetime returns it and has it read again in the
     * background, so availability of a resource in use does not wait for the registry (a miss on the request's
     * path was half of the availability p99 at one connection, docs/performance.md). An entry nobody reads
     * expires at the lifetime, so no answer is older than it; a failed refresh leaves the entry to expire.
     */
    private <V> Cache<UUID, V> cache(Duration ttl, int maximumSize, Ticker ticker, CacheLoader<UUID, V> fetch) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize)
                .ticker(ticker).executor(refresher);
        Duration refreshAfter = refreshPoint(ttl);
        if (refreshAfter.isZero()) {
            return builder.build();
        }
        return builder.refreshAfterWrite(refreshAfter).build(key -> {
            try {
                return fetch.load(key);
            } catch (RuntimeException e) {
                LOG.debugf("Refreshing the cached registry data of %s failed: %s", key, e.getMessage());
                throw e;
            }
        });
    }

    /** How old a cached entry is when a read has it read again behind it: two thirds of its lifetime. */
    static Duration refreshPoint(Duration lifetime) {
        return lifetime.multipliedBy(2).dividedBy(3);
    }

    @PreDestroy
    void stopRefreshing() {
        refresher.shutdownNow();
    }

    /**
     * Forgets every cached answer, as if the cache's lifetime had passed: the next read of each asks the
     * registry (tests, which cannot wait out the lifetime).
     */
    public void expireCache() {
        facilities.invalidateAll();
        equipment.invalidateAll();
        centres.invalidateAll();
        smeClasses.invalidateAll();
    }

    private FacilityData facility(UUID id, boolean current) {
        return current ? fresh(facilities, id, this::fetchFacility) : cached(facilities, id, this::fetchFacility);
    }

    private EquipmentData equipment(UUID id, boolean current) {
        return current ? fresh(equipment, id, this::fetchEquipment) : cached(equipment, id, this::fetchEquipment);
    }

    /**
     * The cached answer, or a fresh one; not read inside Caffeine's compute, so no call holds a lock of the map.
     * A read past the cache that finished meanwhile is newer, so it is kept and returned.
     */
    private static <V> V cached(Cache<UUID, V> cache, UUID id, Function<UUID, V> fetch) {
        V value = cache.getIfPresent(id);
        if (value != null) {
            return value;
        }
        V fetched = fetch.apply(id);
        V newer = cache.asMap().putIfAbsent(id, fetched);
        return newer != null ? newer : fetched;
    }

    /** Read past the cache; what was just read is also what the next cached read sees. Failures are not cached. */
    private static <V> V fresh(Cache<UUID, V> cache, UUID id, Function<UUID, V> fetch) {
        V value = fetch.apply(id);
        cache.put(id, value);
        return value;
    }

    private FacilityData fetchFacility(UUID id) {
        return call("facility " + id, () -> api.facility(id), FacilityData.class);
    }

    private EquipmentData fetchEquipment(UUID id) {
        return call("equipment " + id, () -> api.equipment(id), EquipmentData.class);
    }

    private CentreData centre(UUID id) {
        return cached(centres, id, this::fetchCentre);
    }

    private CentreData fetchCentre(UUID id) {
        return call("centre " + id, () -> api.centre(id), CentreData.class);
    }

    private BookableResource resolve(ResourceType type, UUID id, boolean current) {
        if (type == ResourceType.FACILITY) {
            FacilityData facility = facility(id, current);
            return new BookableResource(type, id, facility.name(), facility.toFacility(), centreCode(facility),
                    facility.standardPrice(), orStandard(facility.smePrice(), facility.standardPrice()),
                    facility.isBookable(), facility.isActive());
        }
        EquipmentData item = equipment(id, current);
        if (item.facilityId() == null) {
            throw new NotFound("facility of equipment " + id);
        }
        FacilityData facility = facility(item.facilityId(), current);
        // Equipment without prices of its own is charged at its facility's.
        boolean ownPrices = item.standardPrice() != null;
        Money standard = ownPrices ? item.standardPrice() : facility.standardPrice();
        Money sme = ownPrices ? orStandard(item.smePrice(), item.standardPrice())
                : orStandard(facility.smePrice(), facility.standardPrice());
        return new BookableResource(type, id, item.name(), facility.toFacility(), centreCode(facility), standard, sme,
                item.isBookable() && facility.isBookable(), item.isActive() && facility.isActive());
    }

    private String centreCode(FacilityData facility) {
        if (facility.centreCode() != null && !facility.centreCode().isBlank()) {
            return facility.centreCode();
        }
        if (facility.centreId() == null) {
            throw new Unavailable("The registry gave facility " + facility.id() + " no centre", null);
        }
        return centre(facility.centreId()).code();
    }

    private static Money orStandard(Money sme, Money standard) {
        return sme != null ? sme : standard;
    }

    /** One request through the breaker; only {@link Unavailable} counts as a failure. */
    private <T> T call(String what, Supplier<T> request, Class<T> type) {
        return guard.get(() -> {
            T body;
            try {
                body = request.get();
            } catch (WebApplicationException e) {
                int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
                if (status == 404) {
                    throw new NotFound(what);
                }
                if (status >= 400 && status < 500) {
                    throw new Refused(what, status, e.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER));
                }
                throw new Unavailable("The registry answered " + status + " for " + what, e);
            } catch (RuntimeException e) {
                // ProcessingException, or Vert.x's own exception when the connection closes mid-call.
                throw new Unavailable("The registry could not be reached for " + what, e);
            }
            if (body == null) {
                throw new Unavailable("The registry returned no body for " + what, null);
            }
            return body;
        }, type);
    }

    /** Runs a lookup and turns what went wrong into the caller's problem: never a 500. */
    private static <T> T answer(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CircuitBreakerOpenException) {
                    throw unavailable("catapult-registry is failing; requests are paused for a few seconds",
                            RETRY_AFTER_SECONDS);
                }
                if (t instanceof Unavailable || t instanceof FaultToleranceException) {
                    LOG.warnf("Registry call failed: %s", t.getMessage());
                    throw unavailable("catapult-registry did not answer; try again shortly", RETRY_AFTER_SECONDS);
                }
                if (t instanceof Refused refused) {
                    throw refused.problem();
                }
            }
            throw e;
        }
    }

    private static ProblemException unavailable(String detail, String retryAfter) {
        return ProblemException.serviceUnavailable("registry-unavailable", detail).header(HttpHeaders.RETRY_AFTER, retryAfter);
    }

    /** The parts of catapult-registry's API that bookings and aid statements need. */
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    interface Api {

        @GET
        @Path("/facilities/{id}")
        FacilityData facility(@PathParam("id") UUID id);

        @GET
        @Path("/equipment/{id}")
        EquipmentData equipment(@PathParam("id") UUID id);

        @GET
        @Path("/centres/{id}")
        CentreData centre(@PathParam("id") UUID id);

        /** Not public: the registry shows an organisation to its own users, Siva and partners. */
        @GET
        @Path("/organisations/{orgNo}")
        OrganisationData organisation(@PathParam("orgNo") String orgNo,
                                      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
    }

    // The registry's representations, only the members bookings use; unknown members are ignored.

    /** {@code equipment} is every item the facility holds, as the registry's facility representation lists them. */
    record FacilityData(UUID id, UUID centreId, String centreCode, String name, AddressData address,
                        Map<String, List<OpeningInterval>> openingHours, List<Closure> closures,
                        BookingRules bookingRules, Money standardPrice, Money smePrice, Boolean bookable,
                        Boolean active, List<EquipmentData> equipment) {

        Facility toFacility() {
            return new Facility(id, name, address == null ? null : address.oneLine(), openingHours, closures,
                    bookingRules, activeItems());
        }

        /** Items that are not retired, bookable or not: a booking of the whole facility holds them all. */
        List<UUID> activeItems() {
            return equipment == null ? List.of() : equipment.stream()
                    .filter(e -> e != null && e.id() != null && e.isActive())
                    .map(EquipmentData::id)
                    .toList();
        }

        boolean isBookable() {
            return !Boolean.FALSE.equals(bookable);
        }

        boolean isActive() {
            return !Boolean.FALSE.equals(active);
        }
    }

    record AddressData(String street, String postcode, String municipality) {

        /** "Storgata 1, 6002 Ålesund". */
        String oneLine() {
            String place = Stream.of(postcode, municipality).filter(RegistryClient::present)
                    .collect(Collectors.joining(" "));
            return Stream.of(street, place).filter(RegistryClient::present).collect(Collectors.joining(", "));
        }
    }

    /** Without prices of its own, an item is charged at its facility's. */
    record EquipmentData(UUID id, UUID facilityId, String name, Money standardPrice, Money smePrice,
                         Boolean bookable, Boolean active) {

        boolean isBookable() {
            return !Boolean.FALSE.equals(bookable);
        }

        boolean isActive() {
            return !Boolean.FALSE.equals(active);
        }
    }

    record CentreData(String code) {
    }

    /** smeClass is null while the organisation has not declared its size. */
    record OrganisationData(String name, SmeClass smeClass) {
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The registry answered 404: an answer, not a failure. */
    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what, null, false, false);
        }
    }

    /** The registry could not answer: the only kind of outcome that counts against the breaker. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }

        /** The connection was closed or reset before the answer came: nothing says the registry is down. */
        boolean connectionDropped() {
            for (Throwable t = getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (t instanceof HttpClosedException || t instanceof SocketException
                        || "Connection was closed".equals(t.getMessage())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The registry refused this request with a 4xx other than 404: about the caller, not an outage. */
    static final class Refused extends RuntimeException {
        private final String what;
        private final int status;
        private final String retryAfter;

        Refused(String what, int status, String retryAfter) {
            super("The registry answered " + status + " for " + what, null, false, false);
            this.what = what;
            this.status = status;
            this.retryAfter = retryAfter;
        }

        ProblemException problem() {
            return switch (status) {
                case 401, 403 -> ProblemException.forbidden("catapult-registry does not show " + what
                        + " to you (it answered " + status + ")");
                case 429 -> unavailable("catapult-registry is busy; try again shortly",
                        retryAfter != null && retryAfter.matches("\\d{1,5}") ? retryAfter : RETRY_AFTER_SECONDS);
                default -> ProblemException.unprocessable("registry-refused", "catapult-registry refused the request for "
                                + what + " (it answered " + status + ")")
                        .with(ProblemMember.REGISTRY_STATUS, status);
            };
        }
    }
}
