package no.katapult.events.delivery;

import jakarta.inject.Inject;
import no.katapult.common.events.Outbox;
import no.katapult.common.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** A test that appends events to the outbox and opens real webhook receivers, all closed after each test. */
abstract class AbstractDeliveryTest {

    @Inject
    Outbox outbox;

    private final List<WebhookReceiver> open = new ArrayList<>();

    WebhookReceiver receiver() {
        WebhookReceiver r = new WebhookReceiver();
        open.add(r);
        return r;
    }

    @AfterEach
    void closeReceivers() {
        open.forEach(WebhookReceiver::close);
        open.clear();
    }
}
