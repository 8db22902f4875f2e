package no.katapult.application.reviewer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ConflictsRequest", description = "The organisations the calling reviewer declares a conflict of "
        + "interest with (PUT replaces the declaration; an empty list withdraws it)")
public record ConflictsRequest(
        @NotNull @Size(max = 100) @Schema(required = true, examples = "[\"930000043\"]")
        List<@NotNull @OrgNo String> conflicts) {
}
