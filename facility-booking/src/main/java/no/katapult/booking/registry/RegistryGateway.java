package no.katapult.booking.registry;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * The registry's answers, through the circuit breaker. Catalogue reads are public and cached for a
 * short while; failures and 404s are not cached. Use {@link Registry}, which turns failures into problems.
 */
@ApplicationScoped
public class RegistryGateway {

    @Inject
    @RestClient
    RegistryClient client;

    @Inject
    RegistryCircuit circuit;

    @Inject
    @CacheName("registry-organisations")
    Cache organisations;

    @CacheResult(cacheName = "registry-facilities")
    public RegistryFacility facility(UUID id) {
        return circuit.call("facility " + id, () -> client.facility(id));
    }

    @CacheResult(cacheName = "registry-equipment")
    public RegistryEquipment equipment(UUID id) {
        return circuit.call("equipment " + id, () -> client.equipment(id));
    }

    @CacheResult(cacheName = "registry-centres")
    public RegistryCentre centre(UUID id) {
        return circuit.call("centre " + id, () -> client.centre(id));
    }

    /**
     * Cached briefly by orgNo, which always comes from the caller's own validated {@code org_no}
     * claim, so a cached answer never reaches a caller the registry would refuse. A burst of bookings
     * by one organisation then costs one registry call. An organisation without a declaration is not
     * kept, so a declaration made right before booking applies at once.
     */
    public RegistryOrganisation organisation(String orgNo, String bearerToken) {
        RegistryOrganisation organisation;
        try {
            organisation = organisations.<String, RegistryOrganisation>get(orgNo,
                            key -> circuit.call("organisation " + key, () -> client.organisation(key, "Bearer " + bearerToken)))
                    .await().indefinitely();
        } catch (RuntimeException e) {
            // The cache may wrap what the loader threw; callers expect the registry's own exceptions.
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof RegistryNotFoundException)
                    && !(cause instanceof RegistryUnavailableException)) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : e;
        }
        if (organisation.smeClass() == null) {
            organisations.invalidate(orgNo).await().indefinitely();
        }
        return organisation;
    }
}
