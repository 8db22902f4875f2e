package no.katapult.gateway.health;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.registry.HealthRegistries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.routing.RouteTable.UpstreamService;
import no.katapult.gateway.upstream.ActiveHealthChecks;
import no.katapult.gateway.upstream.InstanceHealth;
import no.katapult.gateway.upstream.Upstreams;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.List;

/**
 * Health group "downstream" (/q/health/group/downstream): one check per configured service, UP while at least
 * one of its instances gets requests (its health checks pass and its breaker admits them), with one line per
 * instance. It reports what the gateway's balancer sees, from the active health checks. The services come from
 * configuration, so the checks are registered at start rather than declared as beans.
 */
@ApplicationScoped
public class DownstreamHealth {

    static final String GROUP = "downstream";

    @Inject
    RouteTable routes;

    @Inject
    Upstreams upstreams;

    @Inject
    ActiveHealthChecks checks;

    @Inject
    CircuitBreakers breakers;

    @Inject
    GatewayConfig config;

    void start(@Observes StartupEvent event) {
        for (UpstreamService service : routes.services()) {
            AsyncHealthCheck check = () -> check(service);
            HealthRegistries.getHealthGroupRegistry(GROUP).register(service.name(), check);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (UpstreamService service : routes.services()) {
            HealthRegistries.getHealthGroupRegistry(GROUP).remove(service.name());
        }
    }

    private Uni<HealthCheckResponse> check(UpstreamService service) {
        // Right after start, the first round of checks decides; it takes at most one check timeout.
        Duration wait = config.healthCheck().timeout().plusSeconds(1);
        return Uni.createFrom().completionStage(() -> checks.firstRound().toCompletionStage())
                .ifNoItem().after(wait).recoverWithItem((Void) null)
                .onFailure().recoverWithNull()
                .map(v -> response(service));
    }

    private HealthCheckResponse response(UpstreamService service) {
        List<Instance> instances = service.instances();
        long available = instances.stream().filter(upstreams::available).count();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(service.name())
                .status(available > 0)
                .withData("url", service.urls())
                .withData("prefixes", String.join(",", routes.prefixesOf(service.name())))
                .withData("instances", instances.size())
                .withData("available", available)
                .withData("circuitBreaker", String.join(",", instances.stream()
                        .map(i -> breakers.state(i).name()).toList()));
        if (instances.size() == 1) {
            builder.withData("check", upstreams.health(instances.get(0)).detail());
        }
        for (Instance instance : instances) {
            InstanceHealth health = upstreams.health(instance);
            builder.withData("instance-" + instance.number(), instance.baseUrl() + " " + health.status()
                    + " (" + health.detail() + ", " + health.streak() + "), breaker " + breakers.state(instance)
                    + ", in flight " + upstreams.inFlight(instance)
                    + ", refused connections " + upstreams.refusedConnections(instance));
        }
        return builder.build();
    }
}
