package no.katapult.application.review;

import no.katapult.application.reviewer.ReviewerDirectory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A newly assigned reviewer in the reviewers-assigned event, with where to tell them: the reviewer pool's name,
 * e-mail address and locale, else the e-mail address and locale of their last token; null when neither is known
 * (a null locale means bokmål).
 */
@Schema(name = "AssignedReviewer")
public record AssignedReviewerView(String username,
                                   @Schema(nullable = true) String name,
                                   @Schema(nullable = true) String email,
                                   @Schema(nullable = true, description = "null means bokmål") String locale) {

    static AssignedReviewerView of(ReviewerDirectory.Contact c) {
        return new AssignedReviewerView(c.username(), c.name(), c.email(), c.locale());
    }
}
