package no.katapult.application.reviewer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Only for the contract: the shape of GET /reviewers. */
@Schema(name = "ReviewerPage", description = "A page of the reviewer pool, by username")
public record ReviewerPageView(List<ReviewerView> items, int page, int size, long total) {
}
