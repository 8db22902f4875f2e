package no.katapult.application.review;

import no.katapult.application.ApplicationStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "Reviewers", description = "The reviewers of an application (siva-admin only)")
public record ReviewersView(UUID applicationId, ApplicationStatus status, List<String> reviewers,
                            List<AssignmentView> assignments, long version) {
}
