package no.katapult.registry.organisation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to create or replace an organisation. orgNo comes from the path. */
@Schema(name = "OrganisationInput")
public record OrganisationInput(
        @Schema(description = "Optional; if given it must equal the orgNo in the path", examples = "910000012") String orgNo,
        @NotBlank @Size(max = 200) @Schema(examples = "Anna Prototyping AS (demo)", required = true) String name,
        @NotNull @Schema(required = true) OrganisationKind kind,
        @Valid @Schema(description = "The SME declaration; leave out to have none (smeClass is then null)")
        SmeDeclaration smeDeclaration) {
}
