package no.katapult.events;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Map;

/** The contract's description of a CloudEvent as the hub writes it (the SDK's types are no schema). Never instantiated. */
@Schema(name = "CloudEvent", extensions = @Extension(name = "x-event-envelope", value = "true", parseValue = true), description = "A CloudEvents 1.0 event in structured JSON; webhooks carry the same object "
        + "with Content-Type application/cloudevents+json")
record CloudEventSchema(
        @Schema(required = true, examples = "1.0") String specversion,
        @Schema(required = true, description = "Unique and stable: the same in the feed, in every webhook and every retry",
                examples = "3f2c0d1e-7b8a-4c5d-9e6f-0a1b2c3d4e5f") String id,
        @Schema(required = true, examples = "/katapult/facility-booking") String source,
        @Schema(required = true, examples = "no.katapult.booking.confirmed") String type,
        @Schema(required = true, examples = "bookings/6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b") String subject,
        @Schema(required = true) OffsetDateTime time,
        @Schema(required = true, examples = "application/json") String datacontenttype,
        @Schema(required = true, type = SchemaType.INTEGER, format = "int32",
                description = "Increases by one per event of the subject", examples = "3") int sequence,
        @Schema(required = true, type = SchemaType.OBJECT,
                description = "The resource as the reader may see it") Map<String, Object> data) {
}
