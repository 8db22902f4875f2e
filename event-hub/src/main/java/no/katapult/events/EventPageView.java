package no.katapult.events;

import io.cloudevents.CloudEvent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of the feed: CloudEvents in log order, and the cursor to read on from. */
@Schema(name = "EventPage", description = "Events in log order and the cursor to read on from")
public record EventPageView(
        @Schema(type = SchemaType.ARRAY, implementation = CloudEventSchema.class,
                description = "CloudEvents 1.0 in structured JSON, oldest first")
        List<CloudEvent> items,
        @Schema(description = "Opaque cursor: pass it as after to read on. Never skips an event, even when "
                + "producers commit out of order", examples = "djE6MTI")
        String next) {
}
