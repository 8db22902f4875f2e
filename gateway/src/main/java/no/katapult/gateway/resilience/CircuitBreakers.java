package no.katapult.gateway.resilience;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One SmallRye Fault Tolerance circuit breaker per service instance, used through the programmatic
 * {@link TypedGuard}: the annotation model needs a CDI method to intercept, while a proxied exchange is a Vert.x
 * future on the event loop. Only the instance's own failures count (see {@link UpstreamException.Kind}): one
 * failing instance opens its own breaker, and its siblings go on serving.
 */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class CircuitBreakers {

    private static final Logger LOG = Logger.getLogger(CircuitBreakers.class);
    private static final TypeLiteral<CompletionStage<ProxyResponse>> RESPONSE = new TypeLiteral<>() {
    };

    private final Map<String, Breaker> breakers = new HashMap<>();
    private final long delayMillis;
    private final long delaySeconds;

    @Inject
    public CircuitBreakers(GatewayConfig config, RouteTable routes) {
        GatewayConfig.CircuitBreaker cb = config.circuitBreaker();
        this.delayMillis = cb.delay().toMillis();
        this.delaySeconds = Math.max(1, cb.delay().toSeconds());
        for (Instance instance : routes.instances()) {
            Breaker breaker = new Breaker();
            breaker.guard = TypedGuard.create(RESPONSE)
                    .withDescription("proxy to " + instance)
                    // The exchange is non-blocking and must start and finish on the request's event loop. With
                    // offload simply off, SmallRye re-dispatches both the call and its completion through
                    // runOnContext (two event-loop hops per request); a same-thread executor avoids both.
                    .withThreadOffload(true)
                    .withThreadOffloadExecutor(Runnable::run)
                    .withCircuitBreaker()
                    .name("gateway-" + instance.service() + "-" + instance.number())
                    .requestVolumeThreshold(cb.requestVolumeThreshold())
                    .failureRatio(cb.failureRatio())
                    .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(cb.successThreshold())
                    .when(t -> t instanceof UpstreamException u && u.kind().serviceFailure())
                    .onStateChange(state -> {
                        if (state == CircuitBreakerState.OPEN) {
                            breaker.openedAt = System.nanoTime();
                        }
                        breaker.state = state;
                        if (state == CircuitBreakerState.OPEN) {
                            LOG.warnf("Circuit breaker for %s is open: failing fast for %s", instance, cb.delay());
                        } else {
                            LOG.infof("Circuit breaker for %s is %s", instance, state);
                        }
                    })
                    .done()
                    .build();
            breakers.put(instance.id(), breaker);
        }
    }

    /** Runs {@code exchange} through the instance's breaker; fails with CircuitBreakerOpenException while open. */
    public Future<ProxyResponse> call(Instance instance, Supplier<Future<ProxyResponse>> exchange) {
        Breaker breaker = breakers.get(instance.id());
        CompletionStage<ProxyResponse> stage;
        try {
            stage = breaker.guard.get(() -> exchange.get().toCompletionStage());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // Listeners then run on the request's event loop, as the proxy expects (no hop when already there).
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }

    public CircuitBreakerState state(Instance instance) {
        Breaker breaker = breakers.get(instance.id());
        return breaker == null ? CircuitBreakerState.CLOSED : breaker.state;
    }

    /**
     * Whether the breaker would let a request through: closed, half-open, or open for longer than its delay (the
     * next call makes it half-open). The balancer skips the others, so an open breaker still gets its trial call.
     */
    public boolean admits(Instance instance) {
        Breaker breaker = breakers.get(instance.id());
        return breaker == null || breaker.state != CircuitBreakerState.OPEN
                || System.nanoTime() - breaker.openedAt >= delayMillis * 1_000_000L;
    }

    /** Seconds a client should wait before trying a service whose breakers are open. */
    public long retryAfterSeconds() {
        return delaySeconds;
    }

    private static final class Breaker {
        TypedGuard<CompletionStage<ProxyResponse>> guard;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
        volatile long openedAt;
    }
}
