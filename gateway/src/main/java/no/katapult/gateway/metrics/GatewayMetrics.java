package no.katapult.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import no.katapult.gateway.routing.RouteTable.Instance;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the gateway shows at {@code /q/metrics} besides the JVM: per route, the latency of each answer as a
 * histogram by method and status; per service instance, the status codes it answered (or why it did not) and
 * the state of its circuit breaker; per quota, the requests refused by a rate limit.
 *
 * <p>Tags are only route names, instance ids, standard methods and status codes, never paths, clients or a method
 * a client made up, so the number of series stays bounded whatever callers send. Meters are looked up once per tag set and kept.
 */
@Startup
@Singleton
public class GatewayMetrics {

    static final String REQUESTS = "gateway.requests";
    static final String UPSTREAM = "gateway.upstream.responses";
    static final String RATE_LIMITED = "gateway.rate.limit.rejections";
    static final String BREAKER = "gateway.circuit.breaker.state";
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public GatewayMetrics(MeterRegistry registry, RouteTable routes, CircuitBreakers breakers) {
        this.registry = registry;
        for (Instance instance : routes.instances()) {
            // 0 closed, 1 half-open, 2 open: a sum over instances above 0 means some are not serving normally.
            Gauge.builder(BREAKER, breakers, b -> code(b.state(instance)))
                    .description("Circuit breaker of a service instance: 0 closed, 1 half-open, 2 open")
                    .tags(Tags.of("service", instance.service(), "instance", instance.id()))
                    .register(registry);
        }
    }

    /** One answer to a client on {@code route}, whoever wrote it: the service, or the gateway's own problem. */
    public void answered(GatewayRoute route, String requestMethod, int status, long nanos) {
        String method = tagOf(requestMethod);
        String key = route.name() + ' ' + method + ' ' + status;
        Timer timer = requests.get(key);
        (timer != null ? timer : requests.computeIfAbsent(key, k -> Timer.builder(REQUESTS)
                        .description("Requests through the gateway, from arrival to the end of the answer")
                        .tags(Tags.of("route", route.name(), "service", route.service().name(), "method", method,
                                "status", Integer.toString(status)))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry)))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An instance answered with {@code status}. */
    public void upstreamAnswered(Instance instance, int status) {
        upstream(instance, Integer.toString(status));
    }

    /** An instance gave no answer: {@code outcome} says why (unreachable, timeout, broken, ...). */
    public void upstreamFailed(Instance instance, String outcome) {
        upstream(instance, outcome);
    }

    private void upstream(Instance instance, String status) {
        counter(UPSTREAM + ' ' + instance.id() + ' ' + status, () -> Counter.builder(UPSTREAM)
                .description("Answers of each service instance by status code, or the reason there was none")
                .tags(Tags.of("service", instance.service(), "instance", instance.id(), "status", status))
                .register(registry)).increment();
    }

    /** A request refused by the rate limit {@code quota} (per address before authentication, per client, per route). */
    public void rateLimited(String quota) {
        counter(RATE_LIMITED + ' ' + quota, () -> Counter.builder(RATE_LIMITED)
                .description("Requests refused with 429 by each rate limit")
                .tags(Tags.of("quota", quota))
                .register(registry)).increment();
    }

    private Counter counter(String key, Supplier<Counter> create) {
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, k -> create.get());
    }

    /** A client may send any token as its method: those outside RFC 9110 and PATCH share one tag. */
    static String tagOf(String method) {
        return STANDARD_METHODS.contains(method) ? method : "OTHER";
    }

    static double code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
