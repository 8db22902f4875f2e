package no.katapult.application.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

@Schema(name = "ReviewersRequest", description = "The complete set of reviewers of an application (PUT replaces it), by "
        + "username. Each must be in the reviewer pool (PUT /api/v1/reviewers/{username}) or have called this API with "
        + "a token that carries their org_no; anyone else is a 422 that says how to add them. "
        + "`reviewerOrganisations` is deprecated: use the reviewer pool.")
public record ReviewersRequest(
        @NotEmpty(message = "at least one reviewer is required") @Size(max = 20)
        @Schema(required = true, examples = "[\"reviewer-1\", \"reviewer-2\"]")
        List<@NotBlank @Size(max = 200) String> reviewers,
        @Schema(deprecated = true, description = "Deprecated, use the reviewer pool (PUT /api/v1/reviewers/{username}); "
                + "still honoured: username -> org_no of that reviewer's organisation, recorded for the "
                + "conflict-of-interest check as if seen in their token.", examples = "{\"reviewer-2\": \"930000043\"}")
        Map<@NotBlank String, @NotNull @OrgNo String> reviewerOrganisations) {
}
