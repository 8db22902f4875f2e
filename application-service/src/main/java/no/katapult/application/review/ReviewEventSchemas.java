package no.katapult.application.review;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Event data that no endpoint returns, declared so the contract names it: the merged contract lists every
 * x-event-data schema as a possible CloudEvent data, and a strict client reads the events feed by them.
 * The info here is a placeholder: quarkus.smallrye-openapi.info-* in application.properties wins.
 */
@OpenAPIDefinition(info = @Info(title = "application-service", version = "1.0.0"),
        components = @Components(schemas = @Schema(name = "ReviewersAssigned", implementation = ReviewersAssignedView.class)))
public final class ReviewEventSchemas {
    private ReviewEventSchemas() {
    }
}
