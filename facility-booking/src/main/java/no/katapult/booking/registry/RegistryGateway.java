package no.katapult.booking.registry;

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

    /** Not cached: the answer depends on the caller's token, and SME declarations change. */
    public RegistryOrganisation organisation(String orgNo, String bearerToken) {
        return circuit.call("organisation " + orgNo, () -> client.organisation(orgNo, "Bearer " + bearerToken));
    }
}
