package no.katapult.booking.openapi;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the examples that depend on today into the contract, on every read of it: the example booking's
 * period ({@link ExampleSlot}), the availability of that day, and this year's aid statement. A fixed date would
 * sooner or later lie in the past or beyond the horizon, and "Try it out" would answer 422 or an empty day.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class DatedExamplesFilter implements OASFilter {

    static final String BOOKINGS = "/api/v1/bookings";
    static final String AVAILABILITY = "/api/v1/availability";
    static final String STATEMENT = "/api/v1/aid/{orgNo}/statement";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(Arc.container().instance(Clock.class).get());
        ExampleSlot slot = ExampleSlot.after(now);
        Operation post = operation(api, BOOKINGS, PathItem::getPOST);
        if (post != null && post.getRequestBody() != null && post.getRequestBody().getContent() != null) {
            for (MediaType media : post.getRequestBody().getContent().getMediaTypes().values()) {
                if (media.getExamples() != null) {
                    media.getExamples().values().forEach(example -> move(example, slot));
                }
            }
        }
        OffsetDateTime dayStart = slot.start().toLocalDate().atStartOfDay(ExampleSlot.OSLO).toOffsetDateTime();
        OffsetDateTime dayEnd = slot.start().toLocalDate().plusDays(1).atStartOfDay(ExampleSlot.OSLO).toOffsetDateTime();
        example(operation(api, AVAILABILITY, PathItem::getGET), "from", text(dayStart));
        example(operation(api, AVAILABILITY, PathItem::getGET), "to", text(dayEnd));
        example(operation(api, STATEMENT, PathItem::getGET), "year",
                String.valueOf(now.withZoneSameInstant(ExampleSlot.OSLO).getYear()));
    }

    private static Operation operation(OpenAPI api, String path, java.util.function.Function<PathItem, Operation> method) {
        PathItem item = api.getPaths().getPathItem(path);
        return item == null ? null : method.apply(item);
    }

    private static void example(Operation operation, String parameter, String value) {
        if (operation == null || operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if (parameter.equals(p.getName())) {
                p.setExample(value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void move(Example example, ExampleSlot slot) {
        if (example.getValue() instanceof Map<?, ?> value && value.containsKey("start")) {
            Map<String, Object> moved = new LinkedHashMap<>((Map<String, Object>) value);
            moved.put("start", text(slot.start()));
            moved.put("end", text(slot.end()));
            example.setValue(moved);
        }
    }

    /** With seconds, as RFC 3339 wants them: OffsetDateTime.toString() leaves zero seconds out. */
    private static String text(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
