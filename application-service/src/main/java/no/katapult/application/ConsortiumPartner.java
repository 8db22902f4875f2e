package no.katapult.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A consortium partner of an application; the same shape in requests and views. */
@Schema(name = "ConsortiumPartner")
public record ConsortiumPartner(
        @NotNull @OrgNo @Schema(examples = "930000027", required = true) String orgNo,
        @NotBlank @Size(max = 200) @Schema(examples = "Media City Bergen (demo)", required = true) String name,
        @Size(max = 200) @Schema(examples = "Partner: medieteknologi og testfasiliteter") String role) {

    static ConsortiumPartner of(ApplicationPartner p) {
        return new ConsortiumPartner(p.orgNo, p.name, p.role);
    }
}
