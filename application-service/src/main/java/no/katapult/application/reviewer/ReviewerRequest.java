package no.katapult.application.reviewer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.katapult.common.orgno.OrgNo;
import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Schema(name = "ReviewerRequest", description = "A reviewer's pool record (PUT replaces it). `organisations` are "
        + "where the reviewer works and `conflicts` further organisations they must not assess: assigning them to an "
        + "application led by or partnering any of these is a 409 conflict-of-interest. `locale` (optional) is the "
        + "language of their e-mails until their own token says otherwise; bokmål when neither says.")
public record ReviewerRequest(
        @NotBlank @Size(max = 200) @Schema(required = true, examples = "Kari Nordmann") String name,
        @NotBlank @Email @Size(max = 320) @Schema(required = true, examples = "kari.nordmann@example.no") String email,
        @Size(max = 20) @Schema(examples = "[\"990000018\"]") List<@NotNull @OrgNo String> organisations,
        @Size(max = 20) @Schema(examples = "[\"Industriell tjenesteutvikling\", \"Prototyping\"]")
        List<@NotBlank @Size(max = 200) String> expertise,
        @Size(max = 100) @Schema(examples = "[\"930000043\"]") List<@NotNull @OrgNo String> conflicts,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", message = "must be a language tag such as nb, nn or en")
        @Schema(examples = "nb") String locale) {

    /** Each organisation and each conflict at most once. */
    void checkDistinct(FieldErrors errors) {
        distinct("organisations", organisations, errors);
        distinct("conflicts", conflicts, errors);
    }

    static void distinct(String field, List<String> values, FieldErrors errors) {
        if (values == null) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Integer first = values.get(i) == null ? null : seen.putIfAbsent(values.get(i), i);
            if (first != null) {
                errors.add(field + "[" + i + "]", "duplicates " + field + "[" + first + "]");
            }
        }
    }
}
