package no.katapult.application.reviewer;

import no.katapult.common.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

@Schema(name = "Reviewer", description = "A reviewer's pool record (siva-admin only)")
public record ReviewerView(
        String username, String name, String email, String locale, List<String> organisations,
        List<String> expertise, List<String> conflicts,
        @Schema(description = "Conflicts the reviewer declared themselves (PUT /api/v1/reviewers/me/conflicts); "
                + "read-only here") List<String> declaredConflicts,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String updatedBy, long version) {

    static ReviewerView of(Reviewer r, List<String> declared) {
        return new ReviewerView(r.username, r.name, r.email, r.locale, List.copyOf(r.organisations),
                List.copyOf(r.expertise), List.copyOf(r.conflicts), declared, Clocks.inOslo(r.createdAt),
                Clocks.inOslo(r.updatedAt), r.updatedBy, r.version);
    }
}
