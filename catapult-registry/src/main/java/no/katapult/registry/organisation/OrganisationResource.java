package no.katapult.registry.organisation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.katapult.common.orgno.OrgNo;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public record OrganisationBody(
            @NotBlank @Size(max = 200) String name,
            @NotNull Organisation.Kind kind) {
    }

    public record OrganisationView(String orgNo, String name, Organisation.Kind kind, long version) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.orgNo, o.name, o.kind, o.version);
        }
    }

    @GET
    @Path("/{orgNo}")
    @RolesAllowed({"siva-admin", "partner", "sme", "applicant", "reviewer"})
    public OrganisationView get(@PathParam("orgNo") @OrgNo String orgNo) {
        if (!mayRead(orgNo)) {
            throw ProblemException.notFound("No organisation " + orgNo);
        }
        Organisation o = Organisation.findById(orgNo);
        if (o == null) {
            throw ProblemException.notFound("No organisation " + orgNo);
        }
        return OrganisationView.of(o);
    }

    @PUT
    @Path("/{orgNo}")
    @RolesAllowed({"siva-admin", "sme", "applicant"})
    @Transactional
    public OrganisationView put(@PathParam("orgNo") @OrgNo String orgNo, @Valid @NotNull OrganisationBody body) {
        if (!identity.hasRole("siva-admin") && !orgNo.equals(jwt.getClaim("org_no"))) {
            throw ProblemException.forbidden("You may only update your own organisation");
        }
        Organisation o = Organisation.findById(orgNo);
        if (o == null) {
            o = new Organisation();
            o.orgNo = orgNo;
        }
        o.name = body.name();
        o.kind = body.kind();
        o.persistAndFlush();
        return OrganisationView.of(o);
    }

    private boolean mayRead(String orgNo) {
        return identity.hasRole("siva-admin") || identity.hasRole("partner")
                || orgNo.equals(jwt.getClaim("org_no"));
    }
}
