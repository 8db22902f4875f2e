package no.katapult.registry.centre;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The legal entity that hosts a centre or node. */
@Schema(name = "HostOrganisation")
public record HostOrganisation(
        @NotNull @OrgNo @Schema(examples = "930000019", required = true) String orgNo,
        @NotBlank @Size(max = 200) @Schema(examples = "Smart Innovation Norway AS (demo)", required = true) String name) {
}
