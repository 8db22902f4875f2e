package no.katapult.application;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who submitted an application, as their token named them at submit: where the lead applicant is told. */
@Schema(name = "Submitter", description = "The person who submitted the application, from their token at submit")
public record Submitter(
        @Schema(examples = "applicant-sin") String username,
        @Schema(description = "Absent when the token had no e-mail", examples = "applicant-sin@demo.katapult.no") String email,
        @Schema(description = "The token's locale (nb when it had none)", examples = "nb") String locale) {

    static Submitter of(Application a) {
        return a.submittedBy == null ? null : new Submitter(a.submittedBy, a.submittedByEmail, a.submittedByLocale);
    }
}
