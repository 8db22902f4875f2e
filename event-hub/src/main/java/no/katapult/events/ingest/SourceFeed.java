package no.katapult.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.OutboxFeed;
import no.katapult.events.config.EventHubConfig;

import java.io.IOException;
import java.net.URI;

/** Reads a page of a producer's {@code /internal/v1/outbox} with the hub's service token. */
@ApplicationScoped
public class SourceFeed {

    public static final String PATH = "/internal/v1/outbox";

    @Inject
    EventHubConfig config;

    @Inject
    ServiceToken token;

    @Inject
    ObjectMapper mapper;

    private volatile TokenGet get;

    public OutboxFeed.Page read(String source, long after, int limit) {
        URI base = config.sources().get(source).url();
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        byte[] body = client().body(URI.create(root + PATH + "?after=" + after + "&limit=" + limit),
                config.ingest().readTimeout(), source, "is the catapult-internal client's role internal?");
        OutboxFeed.Page page;
        try {
            page = mapper.readValue(body, OutboxFeed.Page.class);
        } catch (IOException e) {
            throw new Unavailable(source + " answered with a body that is not a feed page");
        }
        check(source, after, page);
        return page;
    }

    /** Refuses a page the hub must not append: an event without what the log needs, or a cursor going back. */
    static void check(String source, long after, OutboxFeed.Page page) {
        if (page.items() == null || page.next() < after) {
            throw new Unavailable(source + " answered a page without items or with a next before " + after);
        }
        for (EventEnvelope e : page.items()) {
            if (e == null || e.id() == null || e.source() == null || e.type() == null || e.subject() == null
                    || e.sequence() < 1 || e.time() == null || e.data() == null || e.data().isNull()) {
                throw new Unavailable(source + " answered an incomplete event " + (e == null ? null : e.id()));
            }
        }
    }

    private TokenGet client() {
        if (get == null) {
            get = new TokenGet(token, config.ingest().connectTimeout());
        }
        return get;
    }
}
