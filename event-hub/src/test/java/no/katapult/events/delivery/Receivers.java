package no.katapult.events.delivery;

import no.katapult.common.testing.WebhookReceiver;
import java.util.ArrayList;
import java.util.List;

/** The receivers a test opened, closed together after it. */
final class Receivers implements AutoCloseable {

    private final List<WebhookReceiver> open = new ArrayList<>();

    WebhookReceiver open() {
        WebhookReceiver r = new WebhookReceiver();
        open.add(r);
        return r;
    }

    @Override
    public void close() {
        open.forEach(WebhookReceiver::close);
        open.clear();
    }
}
