package no.katapult.application;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LeadApplicant", description = "The lead organisation: the org_no of the token that created the application")
public record LeadApplicantView(@Schema(examples = "930000019") String orgNo,
                                @Schema(description = "From the registry's organisation record, when known") String name) {

    public static LeadApplicantView of(Application a) {
        return new LeadApplicantView(a.leadOrgNo, a.leadName);
    }
}
