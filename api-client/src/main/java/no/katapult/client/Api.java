package no.katapult.client;

import java.time.InstantSource;
import java.util.Objects;

/**
 * The suite's public API as a client sees it: requests to one base URL (the gateway), with tokens from one
 * {@link Tokens}, retried by one {@link Retry} policy unless a request says otherwise.
 * <pre>{@code
 * Api api = Api.builder("http://localhost:8080").tokens(tokenUrl).retry(Retry.STANDARD).build();
 * JsonNode centres = api.get("/api/v1/centres").query("size", 100).expect(200);
 * }</pre>
 * An instance is safe to share between threads.
 */
public final class Api {

    private final String baseUrl;
    private final Transport transport;
    private final Tokens tokens;
    private final Retry retry;
    private final Retry.Listener listener;

    private Api(String baseUrl, Transport transport, Tokens tokens, Retry retry, Retry.Listener listener) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.tokens = tokens;
        this.retry = retry;
        this.listener = listener;
    }

    /** {@code baseUrl} without a trailing slash; requests name their path from {@code /}. */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public Request get(String pathOrUrl) {
        return request("GET", pathOrUrl);
    }

    public Request post(String pathOrUrl) {
        return request("POST", pathOrUrl);
    }

    public Request put(String pathOrUrl) {
        return request("PUT", pathOrUrl);
    }

    /** A request to a path under the base URL, or to an absolute {@code http(s)://} URL. */
    public Request request(String method, String pathOrUrl) {
        return new Request(this, method, pathOrUrl, retry);
    }

    /** The same client (connections, tokens) with another retry policy, e.g. {@link Retry#NONE} for drills. */
    public Api withRetry(Retry other) {
        return new Api(baseUrl, transport, tokens, other, listener);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Retry retry() {
        return retry;
    }

    /** @throws IllegalStateException when the client was built without a token endpoint */
    public Tokens tokens() {
        if (tokens == null) {
            throw new IllegalStateException("this client has no token endpoint: build it with tokens(tokenUrl)");
        }
        return tokens;
    }

    Transport transport() {
        return transport;
    }

    Retry.Listener listener() {
        return listener;
    }

    public static final class Builder {
        private final String baseUrl;
        private String tokenUrl;
        private Retry retry = Retry.STANDARD;
        private Retry.Listener listener = Retry.Listener.SILENT;
        private InstantSource clock = InstantSource.system();

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        /** The OIDC token endpoint, e.g. {@code .../realms/catapult/protocol/openid-connect/token}. */
        public Builder tokens(String tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        /** The policy of every request that does not choose its own; {@link Retry#STANDARD} unless set. */
        public Builder retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** Told before each retry's wait. */
        public Builder onRetry(Retry.Listener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** For tests: the clock that token lifetimes and {@code Retry-After} dates are read against. */
        Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        public Api build() {
            Transport transport = new Transport(clock);
            Tokens tokens = tokenUrl == null ? null : new Tokens(tokenUrl, transport, retry, listener);
            return new Api(baseUrl, transport, tokens, retry, listener);
        }
    }
}
