package no.katapult.application.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ReviewList")
public record ReviewListView(List<ReviewView> items) {
}
