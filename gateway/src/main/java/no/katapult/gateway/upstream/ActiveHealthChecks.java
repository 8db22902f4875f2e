package no.katapult.gateway.upstream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.routing.RouteTable.UpstreamService;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks every instance's readiness endpoint ({@code health-path}, by default /q/health/ready) on an interval and
 * reports each outcome to {@link Upstreams}, which marks instances down and up with hysteresis. A 200 passes;
 * anything else, or no answer within the timeout, fails.
 */
@ApplicationScoped
public class ActiveHealthChecks {

    @Inject
    RouteTable routes;

    @Inject
    Upstreams upstreams;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private final Promise<Void> firstRound = Promise.promise();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private HttpClient client;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        GatewayConfig.HealthCheck checks = config.healthCheck();
        // A fresh connection per check: a refused connection is what tells a stopped instance.
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) checks.timeout().toMillis())
                .setKeepAlive(false));
        round().onComplete(ar -> firstRound.tryComplete());
        timer = vertx.setPeriodic(checks.interval().toMillis(), id -> round());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Completes once every instance has been checked once, so that health reports start from facts. */
    public Future<Void> firstRound() {
        return firstRound.future();
    }

    /** Checks every instance whose previous check has finished. */
    Future<Void> round() {
        List<Future<Void>> checks = new ArrayList<>();
        for (UpstreamService service : routes.services()) {
            for (Instance instance : service.instances()) {
                if (running.add(instance.id())) {
                    checks.add(check(service, instance).andThen(ar -> running.remove(instance.id())));
                }
            }
        }
        return Future.join(checks).mapEmpty();
    }

    private Future<Void> check(UpstreamService service, Instance instance) {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(instance.host())
                        .setPort(instance.port())
                        .setSsl(instance.ssl())
                        .setURI(service.healthPath())
                        .setTimeout(config.healthCheck().timeout().toMillis()))
                .compose(request -> request.send())
                .compose(response -> response.end().map(v -> response.statusCode()))
                .map(status -> {
                    upstreams.checked(instance, status == 200, "HTTP " + status);
                    return (Void) null;
                })
                .otherwise(err -> {
                    upstreams.checked(instance, false, String.valueOf(err.getMessage()));
                    return null;
                });
    }
}
