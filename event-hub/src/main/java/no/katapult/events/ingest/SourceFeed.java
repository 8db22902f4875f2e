package no.katapult.events.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.OutboxFeed;
import no.katapult.events.config.EventHubConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads a page of a producer's {@code /internal/v1/outbox} with the hub's service token. */
@ApplicationScoped
public class SourceFeed {

    public static final String PATH = "/internal/v1/outbox";

    /** A source that answered with something the hub cannot take; the cursor stays where it is. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    EventHubConfig config;

    @Inject
    ServiceToken token;

    @Inject
    ObjectMapper mapper;

    private volatile HttpClient http;

    public OutboxFeed.Page read(String source, long after, int limit) {
        URI base = config.sources().get(source).url();
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + PATH + "?after=" + after + "&limit=" + limit))
                .timeout(config.ingest().readTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.get())
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable(source + " cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            token.reject();
            throw new Unavailable(source + " refused the hub's token (" + response.statusCode()
                    + "); is the catapult-internal client's role internal?");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(source + " answered " + response.statusCode());
        }
        OutboxFeed.Page page;
        try {
            page = mapper.readValue(response.body(), OutboxFeed.Page.class);
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

    private HttpClient client() {
        if (http == null) {
            // HTTP/1.1: the producers speak it, and an h2c upgrade would only add a round trip.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.ingest().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }
}
