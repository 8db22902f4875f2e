package no.katapult.gateway.upstream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.routing.RouteTable.UpstreamService;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instances of every service and where the next request goes: <b>least in flight</b> among the healthy
 * instances whose breaker admits a request, ties broken round robin (so sequential requests take turns). When no
 * instance is healthy, those marked down are tried as well (their breakers still guard them): a health check can
 * be wrong, and a client then gets the service's own answer or the same 503 as before.
 */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final CircuitBreakers breakers;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, AtomicInteger> turns = new HashMap<>();

    @Inject
    public Upstreams(GatewayConfig config, RouteTable routes, CircuitBreakers breakers) {
        this.breakers = breakers;
        GatewayConfig.HealthCheck checks = config.healthCheck();
        for (UpstreamService service : routes.services()) {
            turns.put(service.name(), new AtomicInteger());
            for (Instance instance : service.instances()) {
                tracked.put(instance.id(), new Tracked(instance,
                        new InstanceHealth(checks.unhealthyThreshold(), checks.healthyThreshold())));
            }
        }
    }

    /**
     * The instances to try for one request, best first: each at most once. Empty when every instance's breaker is
     * open.
     */
    public List<Instance> candidates(UpstreamService service) {
        List<Instance> instances = service.instances();
        int n = instances.size();
        if (n == 1) {
            Instance only = instances.get(0);
            return breakers.admits(only) ? instances : List.of();
        }
        List<Tracked> healthy = new ArrayList<>(n);
        List<Tracked> down = new ArrayList<>(n);
        for (Instance instance : instances) {
            if (breakers.admits(instance)) {
                Tracked t = tracked.get(instance.id());
                (t.health.routable() ? healthy : down).add(t);
            }
        }
        List<Tracked> eligible = healthy.isEmpty() ? down : healthy;
        int size = eligible.size();
        if (size == 0) {
            return List.of();
        }
        // Turns are taken among the eligible instances, so that one left out does not give its turn to a neighbour.
        int first = Math.floorMod(turns.get(service.name()).getAndIncrement(), size);
        List<Tracked> order = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            order.add(eligible.get((first + k) % size));
        }
        // A stable sort: among equally busy instances the round-robin order stays.
        order.sort(Comparator.comparingInt(t -> t.inFlight.get()));
        List<Instance> result = new ArrayList<>(size);
        order.forEach(t -> result.add(t.instance));
        return result;
    }

    /** A request was sent to the instance (its answer is outstanding until {@link #finished}). */
    public void started(Instance instance) {
        tracked.get(instance.id()).inFlight.incrementAndGet();
    }

    public void finished(Instance instance) {
        tracked.get(instance.id()).inFlight.decrementAndGet();
    }

    public int inFlight(Instance instance) {
        return tracked.get(instance.id()).inFlight.get();
    }

    /** Connections refused to requests (not to health checks) since the gateway started. */
    public long refusedConnections(Instance instance) {
        return tracked.get(instance.id()).refused.get();
    }

    public InstanceHealth health(Instance instance) {
        return tracked.get(instance.id()).health;
    }

    /** Whether the instance would get a request now: not marked down, and its breaker admits one. */
    public boolean available(Instance instance) {
        return health(instance).routable() && breakers.admits(instance);
    }

    /** The outcome of an active health check. */
    public void checked(Instance instance, boolean passed, String detail) {
        InstanceHealth health = health(instance);
        InstanceHealth.Status changed = health.checked(passed, detail);
        if (changed == InstanceHealth.Status.DOWN) {
            LOG.warnf("%s is marked DOWN: its health check says %s (%s)", instance, detail, health.streak());
        } else if (changed == InstanceHealth.Status.UP) {
            LOG.infof("%s is marked UP: %s (%s)", instance, detail, health.streak());
        }
    }

    /** A request found nothing listening: the instance is marked down until its health checks pass again. */
    public void refused(Instance instance, String detail) {
        tracked.get(instance.id()).refused.incrementAndGet();
        if (health(instance).refused(detail) != null) {
            LOG.warnf("%s is marked DOWN: a connection was refused (%s)", instance, detail);
        }
    }

    private record Tracked(Instance instance, InstanceHealth health, AtomicInteger inFlight, AtomicLong refused) {
        Tracked(Instance instance, InstanceHealth health) {
            this(instance, health, new AtomicInteger(), new AtomicLong());
        }
    }
}
