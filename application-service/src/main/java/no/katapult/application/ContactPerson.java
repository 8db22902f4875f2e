package no.katapult.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who to contact about an application; the same shape in requests and views. */
@Schema(name = "ContactPerson")
public record ContactPerson(
        @Size(max = 200) @Schema(examples = "Siri Nilsen") String name,
        @Email @Size(max = 320) @Schema(examples = "siri.nilsen@example.no") String email) {

    static ContactPerson of(Application a) {
        return a.contactName == null && a.contactEmail == null ? null : new ContactPerson(a.contactName, a.contactEmail);
    }
}
