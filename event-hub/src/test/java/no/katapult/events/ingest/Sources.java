package no.katapult.events.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.events.FakeServers;
import no.katapult.events.config.EventHubConfig;

import java.net.URI;

/** The tests' hold on {@link FakeSources}, over its control endpoints: publish events, make a feed fail. */
@ApplicationScoped
public class Sources {

    @Inject
    EventHubConfig config;

    /** Appends an event (EventEnvelope JSON) to a producer's feed; returns the feed's new head position. */
    public int publish(String source, String eventJson) {
        return Integer.parseInt(send(source, "events", "POST", eventJson));
    }

    /** Makes the feed answer with this status (0: answer normally again). */
    public void failWith(String source, int status) {
        send(source, "fail", "PUT", Integer.toString(status));
    }

    public String lastAuthorization(String source) {
        return send(source, "authorization", "GET", null);
    }

    private String send(String source, String what, String method, String body) {
        return FakeServers.control(URI.create(config.sources().get(source).url() + "/control/" + what), method, body);
    }
}
