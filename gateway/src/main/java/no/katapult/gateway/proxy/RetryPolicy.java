package no.katapult.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * Which requests the gateway may send to a second instance when the first one could not be connected to. Nothing
 * of such a request has reached any instance (the body is still unread in the gateway), yet a client that sent a
 * write without a way to make it idempotent asked for exactly one attempt, so only these are retried:
 * <ul>
 *   <li>safe methods: GET, HEAD, OPTIONS;</li>
 *   <li>any other method carrying an {@code Idempotency-Key} (the service answers a repeat with the first
 *       answer) or an {@code If-Match} (a repeat after a success fails the precondition instead of applying
 *       twice).</li>
 * </ul>
 * A request whose connection was made is sent again only when it is safe and the connection broke before any
 * answer ({@link #mayResendAfterBrokenConnection}); any other may have had its effect, or its body is on its way.
 */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * Whether a request whose connection broke before any answer came may go to another instance: only a safe
     * method without a body, which has nothing to lose and no effect to repeat. It happens when an instance shuts down with the
     * request in flight, or closes a kept-alive connection just as the gateway reuses it.
     */
    static boolean mayResendAfterBrokenConnection(HttpMethod method, MultiMap headers) {
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        String length = headers.get("Content-Length");
        return safe && headers.get("Transfer-Encoding") == null && (length == null || length.strip().equals("0"));
    }

    static boolean mayRetryOnAnotherInstance(HttpMethod method, MultiMap headers) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return true;
        }
        return nonBlank(headers.get("Idempotency-Key")) || nonBlank(headers.get("If-Match"));
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
