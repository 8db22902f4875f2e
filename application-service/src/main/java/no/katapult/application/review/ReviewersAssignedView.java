package no.katapult.application.review;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of a reviewers-assigned event: who was newly assigned to which application, and where to tell them
 * (an e-mail per reviewer), by username. Internal: neither partners nor the applicants see it, since reviews are
 * blind.
 */
@Schema(name = "ReviewersAssigned", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true),
        description = "The data of a reviewers-assigned event (siva-admin's feed only): the newly assigned reviewers")
public record ReviewersAssignedView(UUID applicationId, String reference, String title,
                                    List<AssignedReviewerView> reviewers, OffsetDateTime assignedAt) {
}
