package no.katapult.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.gateway.routing.RouteTable;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway's own liveness and readiness: it is up when its event loop answers and its route table is
 * loaded. A service being down does not make the gateway unready (it answers 503 for that service); see the
 * "downstream" group for the services.
 */
@ApplicationScoped
public class GatewayHealth {

    @Inject
    RouteTable routes;

    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("gateway");
    }

    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("gateway-routes")
                .status(!routes.routes().isEmpty())
                .withData("routes", routes.routes().size())
                .withData("services", routes.services().size())
                .build();
    }
}
