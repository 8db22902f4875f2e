package no.katapult.application.review;

import no.katapult.application.reviewer.ReviewerDirectory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

@Schema(name = "ReviewerAssignment")
public record AssignmentView(String reviewer,
                             @Schema(description = "Organisations the reviewer belongs to: from the reviewer pool, "
                                     + "their tokens and earlier assignments") List<String> orgNos,
                             @Schema(description = "Organisations with a recorded conflict of interest: listed in the "
                                     + "reviewer pool or declared by the reviewer") List<String> conflicts,
                             @Schema(description = "Whether the reviewer is in the reviewer pool") boolean inPool,
                             OffsetDateTime assignedAt, String assignedBy, boolean reviewed) {

    static AssignmentView of(ReviewAssignment a, ReviewerDirectory.Known known, boolean reviewed) {
        return new AssignmentView(a.reviewer, known.memberOf(), known.conflicts(), known.inPool(), a.assignedAt,
                a.assignedBy, reviewed);
    }
}
