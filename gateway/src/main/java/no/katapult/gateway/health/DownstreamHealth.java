package no.katapult.gateway.health;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.registry.HealthRegistries;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.UpstreamService;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Health group "downstream" (/q/health/group/downstream): one check per configured service, asking its
 * readiness endpoint. The services come from configuration, so the checks are registered at start rather
 * than declared as beans.
 */
@ApplicationScoped
public class DownstreamHealth {

    static final String GROUP = "downstream";

    @Inject
    RouteTable routes;

    @Inject
    CircuitBreakers breakers;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private HttpClient client;

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(false));
        for (UpstreamService service : routes.services()) {
            AsyncHealthCheck check = () -> check(service);
            HealthRegistries.getHealthGroupRegistry(GROUP).register(service.name(), check);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (UpstreamService service : routes.services()) {
            HealthRegistries.getHealthGroupRegistry(GROUP).remove(service.name());
        }
        if (client != null) {
            client.close();
        }
    }

    private Uni<HealthCheckResponse> check(UpstreamService service) {
        long timeout = Math.max(1_000, config.connectTimeout().toMillis());
        var result = client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(service.host())
                        .setPort(service.port())
                        .setSsl(service.ssl())
                        .setURI(service.healthPath())
                        .setTimeout(timeout))
                .compose(request -> request.send())
                .compose(response -> response.end().map(v -> response.statusCode()))
                .map(status -> response(service, status == 200, "HTTP " + status))
                .otherwise(err -> response(service, false, String.valueOf(err.getMessage())));
        return Uni.createFrom().completionStage(result.toCompletionStage());
    }

    private HealthCheckResponse response(UpstreamService service, boolean up, String detail) {
        return HealthCheckResponse.named(service.name())
                .status(up)
                .withData("url", service.baseUrl())
                .withData("prefixes", String.join(",", routes.prefixesOf(service.name())))
                .withData("check", detail)
                .withData("circuitBreaker", breakers.state(service.name()).name())
                .build();
    }
}
