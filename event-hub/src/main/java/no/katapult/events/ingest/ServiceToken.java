package no.katapult.events.ingest;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The hub's own access token (client credentials of catapult-internal, realm role internal), fetched when
 * first needed and again shortly before it expires, or when a source refused it.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    OidcClient client;

    private Tokens tokens;

    public synchronized String get() {
        if (tokens == null || tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval()) {
            tokens = client.getTokens().await().atMost(TIMEOUT);
        }
        return tokens.getAccessToken();
    }

    /** Forgets the token, so that the next call fetches a new one. */
    public synchronized void reject() {
        tokens = null;
    }
}
