package no.katapult.registry.centre;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.katapult.common.problem.FieldErrors;
import no.katapult.registry.Address;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a client sends to create or replace a centre. Read-only members (id, version) are ignored. */
@Schema(name = "CentreRequest", description = "A centre or node as written by siva-admin")
public record CentreRequest(
        @NotBlank @Size(max = 60)
        @Pattern(regexp = CentreRequest.KEBAB_CASE, message = "must be a kebab-case slug such as 'future-materials'")
        @Schema(examples = "digicat", required = true, description = "Unique kebab-case slug; operators' centre_code claim")
        String code,
        @NotBlank @Size(max = 200) @Schema(examples = "DigiCat", required = true) String name,
        @NotNull @Schema(required = true) CentreKind kind,
        @Schema(description = "Only for a NODE: the national centre it belongs to", nullable = true) UUID parentCentreId,
        @Size(max = 30) @Schema(examples = "[\"digital\", \"simulation\"]", description = "A set of focus areas")
        List<@NotBlank @Size(max = 60) String> focusAreas,
        @NotNull @Schema(required = true) CentreStatus status,
        @Valid HostOrganisation hostOrganisation,
        @NotNull @Valid @Schema(required = true) Address address,
        @Size(max = 10_000) String description,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String website,
        @Size(max = 254) @Email String contactEmail,
        LocalDate establishedOn) {

    public static final String KEBAB_CASE = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /** The cross-field rules, after Bean Validation: only a node hangs under a parent. */
    void check(FieldErrors errors) {
        if (parentCentreId != null && kind == CentreKind.NATIONAL_CENTRE) {
            errors.add("parentCentreId", "only a NODE may name a parent centre");
        }
    }
}
