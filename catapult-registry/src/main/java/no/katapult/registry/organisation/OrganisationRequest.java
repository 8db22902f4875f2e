package no.katapult.registry.organisation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to create or replace an organisation. orgNo comes from the path. */
@Schema(name = "OrganisationRequest")
public record OrganisationRequest(
        @Schema(description = "Optional; if given it must equal the orgNo in the path", examples = "910000012") String orgNo,
        @NotBlank @Size(max = 200) @Schema(examples = "Anna Prototyping AS (demo)", required = true) String name,
        @NotNull @Schema(required = true) OrganisationKind kind,
        @Valid @Schema(description = "Optional; told by e-mail of decisions on applications the organisation is a "
                + "partner in. Leave out to have none") ContactPerson contactPerson,
        @Valid @Schema(description = "The SME declaration; leave out to have none (smeClass is then null)")
        SmeDeclaration smeDeclaration) {

    static final String INVALID_ORG_NO = "must be a valid Norwegian organisation number (nine digits, MOD11)";

    /**
     * The rules Bean Validation cannot express: the path's orgNo is valid and the body does not
     * contradict it, and a declaration is not for a fiscal year after {@code currentYear} (in Oslo).
     */
    void check(String pathOrgNo, int currentYear, FieldErrors errors) {
        if (!OrgNumbers.isValid(pathOrgNo)) {
            errors.add("orgNo", INVALID_ORG_NO);
        } else if (orgNo != null && !orgNo.equals(pathOrgNo)) {
            errors.add("orgNo", "must equal the orgNo in the path (" + pathOrgNo + ")");
        }
        if (smeDeclaration != null && smeDeclaration.fiscalYear() != null
                && smeDeclaration.fiscalYear() > currentYear) {
            errors.add("smeDeclaration.fiscalYear", "must not be in the future");
        }
    }
}
