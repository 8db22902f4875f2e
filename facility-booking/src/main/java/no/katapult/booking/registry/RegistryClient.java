package no.katapult.booking.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The parts of catapult-registry's API that bookings need. Timeouts are in application.properties. */
@RegisterRestClient(configKey = "registry")
@RegisterProvider(RequestIdPropagation.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryClient {

    @GET
    @Path("/facilities/{id}")
    RegistryFacility facility(@PathParam("id") UUID id);

    @GET
    @Path("/equipment/{id}")
    RegistryEquipment equipment(@PathParam("id") UUID id);

    @GET
    @Path("/centres/{id}")
    RegistryCentre centre(@PathParam("id") UUID id);

    /** Not public: the caller's own bearer token is forwarded, so the registry applies its own access rule. */
    @GET
    @Path("/organisations/{orgNo}")
    RegistryOrganisation organisation(@PathParam("orgNo") String orgNo,
                                      @HeaderParam("Authorization") String authorization);
}
