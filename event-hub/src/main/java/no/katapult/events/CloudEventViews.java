package no.katapult.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;

import java.net.URI;

/**
 * An event of the log as a CloudEvent 1.0 for one audience: id, source, type, subject, time, JSON data (the
 * view the audience may see) and the extension {@code sequence}, which increases per subject. The feed and
 * the webhooks render through here, so an event looks the same pulled and pushed.
 */
@ApplicationScoped
public class CloudEventViews {

    public static final String SEQUENCE = "sequence";
    /** The structured content mode's media type: the body of every webhook. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    @Inject
    ObjectMapper mapper;

    public CloudEvent render(EventEnvelope event, Audience audience) {
        return CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(URI.create(event.source()))
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.time())
                .withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(audience.view(event)))
                // An Integer is a CloudEvents Integer (a JSON number); sequences stay far below 2^31 per subject.
                .withExtension(SEQUENCE, Math.toIntExact(event.sequence()))
                .build();
    }

    /** The structured JSON of a CloudEvent, as UTF-8: a webhook's body, the bytes that are signed. */
    public byte[] json(CloudEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a CloudEvent", e);
        }
    }
}
