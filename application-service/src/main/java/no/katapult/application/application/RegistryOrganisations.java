package no.katapult.application.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catapult-registry's organisation records, read with the caller's own token. */
@RegisterRestClient(configKey = "registry")
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryOrganisations {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organisation(String orgNo, String name) {
    }

    @GET
    @Path("/{orgNo}")
    Organisation get(@PathParam("orgNo") String orgNo,
                     @HeaderParam("Authorization") String authorization,
                     @HeaderParam("X-Request-Id") String requestId);
}
