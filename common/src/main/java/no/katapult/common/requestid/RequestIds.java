package no.katapult.common.requestid;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** The X-Request-Id convention: accepted when sane, generated otherwise, kept in the logging MDC. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    // Caller-supplied ids end up in logs and bodies: accept only short, harmless tokens.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    /** The id to use for a request that carried {@code incoming} (may be null). */
    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The request id of the request being handled, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
