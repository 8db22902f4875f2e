package no.katapult.booking.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Every call to catapult-registry passes this one circuit breaker: when the registry is down,
 * callers fail fast instead of each waiting for a timeout. A 404 is an answer, not a failure.
 * Thresholds can be tuned with quarkus.fault-tolerance."no.katapult.booking.registry.RegistryCircuit/call".circuit-breaker.*.
 */
@ApplicationScoped
public class RegistryCircuit {

    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = RegistryNotFoundException.class)
    public <T> T call(String what, Supplier<T> request) {
        try {
            T result = request.get();
            if (result == null) {
                throw new RegistryUnavailableException("The registry returned no body for " + what, null);
            }
            return result;
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                throw new RegistryNotFoundException(what);
            }
            throw new RegistryUnavailableException("The registry answered " + status + " for " + what, e);
        } catch (ProcessingException e) {
            throw new RegistryUnavailableException("The registry could not be reached for " + what, e);
        }
    }
}
