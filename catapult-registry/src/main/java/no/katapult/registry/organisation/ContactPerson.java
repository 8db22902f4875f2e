package no.katapult.registry.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who to write to at the organisation, e.g. about decisions on applications it is a partner in. */
@Schema(name = "OrganisationContactPerson")
public record ContactPerson(
        @Size(max = 200) @Schema(examples = "Per Hansen") String name,
        @NotBlank @Email @Size(max = 320) @Schema(examples = "per.hansen@example.no", required = true) String email) {

    static ContactPerson of(Organisation o) {
        return o.contactEmail == null ? null : new ContactPerson(o.contactName, o.contactEmail);
    }
}
