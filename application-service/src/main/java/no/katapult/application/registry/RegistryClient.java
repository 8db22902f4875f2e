package no.katapult.application.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.application.config.ApplicationServiceConfig;
import no.katapult.common.requestid.RequestIdPropagation;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * catapult-registry as this service calls it: the call, its timeouts, the circuit breaker, the 404 handling and
 * the request id, in one place. The registry is a convenience here, not a dependency: the lead's name is
 * optional, so when the registry has no record, refuses the token or is down, the name stays empty and is
 * looked up again on the next edit.
 *
 * <p>The breaker counts only the registry's own failures (5xx, timeouts, refused connections). A 4xx is an
 * answer about the caller's request, so it never opens the breaker for everybody else. The timeouts are the
 * HTTP client's: unlike {@code @Timeout}, which only stops waiting, they also end the request.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class);

    private final Client client;
    private final WebTarget organisation;

    RegistryClient(ApplicationServiceConfig config) {
        ApplicationServiceConfig.Registry registry = config.registry();
        client = ClientBuilder.newBuilder()
                .connectTimeout(registry.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(registry.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(RequestIdPropagation.class)
                .build();
        organisation = client.target(registry.url()).path("api/v1/organisations/{orgNo}");
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The registry's organisation record; only the name is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisation(String orgNo, String name) {
    }

    /** The registry answered 5xx or something unreadable: its failure, counted by the breaker. */
    static class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message) {
            super(message);
        }
    }

    /** The organisation's name, read with the caller's own token; empty when the registry does not give one. */
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    @CircuitBreakerName("registry")
    @Fallback(NoName.class)
    public Optional<String> organisationName(String orgNo, String bearerToken) {
        try (Response response = organisation.resolveTemplate("orgNo", orgNo)
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .get()) {
            int status = response.getStatus();
            if (status == 200) {
                Organisation o = response.readEntity(Organisation.class);
                return o == null || o.name() == null || o.name().isBlank() ? Optional.empty() : Optional.of(o.name());
            }
            if (status >= 400 && status < 500) {
                // 404: no such organisation; 401/403: the registry does not accept this caller. Answers, not failures.
                LOG.debugf("No name for organisation %s: the registry answered %d", orgNo, status);
                return Optional.empty();
            }
            throw new RegistryUnavailableException("The registry answered " + status + " for organisation " + orgNo);
        }
    }

    /** Any failure, or an open breaker, leaves the name empty. */
    public static class NoName implements FallbackHandler<Optional<String>> {
        @Override
        public Optional<String> handle(ExecutionContext context) {
            Throwable failure = context.getFailure();
            LOG.infof("No name for organisation %s from the registry: %s", context.getParameters()[0],
                    failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
            return Optional.empty();
        }
    }
}
