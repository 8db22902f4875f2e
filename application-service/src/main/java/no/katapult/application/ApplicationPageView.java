package no.katapult.application;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Only for the contract: GET /applications answers a PageResponse whose items depend on the caller. */
@Schema(name = "ApplicationPage", description = "A page of applications. Partner-only callers get PublicApplication "
        + "items instead of Application items.")
public record ApplicationPageView(
        @Schema(description = "Application items (PublicApplication for partners)") List<ApplicationView> items,
        int page, int size, long total) {
}
