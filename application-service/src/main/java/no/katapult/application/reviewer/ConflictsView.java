package no.katapult.application.reviewer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ReviewerConflicts", description = "A reviewer's conflicts of interest as the assignment check sees them")
public record ConflictsView(
        String username,
        @Schema(description = "Declared by the reviewer (this resource)") List<String> conflicts,
        @Schema(description = "Listed by siva-admin in the reviewer pool; read-only here") List<String> poolConflicts,
        @Schema(description = "Where the pool says the reviewer works; read-only here") List<String> poolOrganisations,
        @Schema(description = "Whether siva-admin has the reviewer in the pool") boolean inPool,
        @Schema(description = "Version of the declaration (its ETag); absent before the first one") Long version) {
}
