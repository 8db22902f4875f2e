package no.katapult.events.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import no.katapult.events.config.EventHubConfig;

import java.net.InetAddress;

/** The URL rules with the configured loopback allowance and the system's resolver. */
@ApplicationScoped
public class WebhookUrlsProducer {

    @Produces
    @ApplicationScoped
    WebhookUrls webhookUrls(EventHubConfig config) {
        return new WebhookUrls(config.webhook().allowLoopback(), InetAddress::getAllByName);
    }
}
