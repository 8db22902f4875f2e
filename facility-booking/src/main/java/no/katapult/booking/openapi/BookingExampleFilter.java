package no.katapult.booking.openapi;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a bookable period into the example of {@code POST /api/v1/bookings} on every read of the contract:
 * a fixed date would sooner or later lie in the past or beyond the horizon, and "Try it out" would answer 422.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class BookingExampleFilter implements OASFilter {

    static final String PATH = "/api/v1/bookings";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().getPathItem(PATH);
        Operation post = item == null ? null : item.getPOST();
        if (post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null) {
            return;
        }
        ExampleSlot slot = ExampleSlot.after(ZonedDateTime.now(Arc.container().instance(Clock.class).get()));
        for (MediaType media : post.getRequestBody().getContent().getMediaTypes().values()) {
            if (media.getExamples() != null) {
                media.getExamples().values().forEach(example -> move(example, slot));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void move(Example example, ExampleSlot slot) {
        if (example.getValue() instanceof Map<?, ?> value && value.containsKey("start")) {
            Map<String, Object> moved = new LinkedHashMap<>((Map<String, Object>) value);
            // With seconds, as RFC 3339 wants them: OffsetDateTime.toString() leaves zero seconds out.
            moved.put("start", slot.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            moved.put("end", slot.end().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            example.setValue(moved);
        }
    }
}
