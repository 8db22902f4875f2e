package no.katapult.common.problem;

/**
 * Problem type URIs. A URN rather than an http URL: there is no documentation site to point at yet,
 * and a URN never resolves to something unexpected.
 */
public final class ProblemTypes {
    public static final String PREFIX = "urn:katapult:problem:";

    private ProblemTypes() {
    }

    public static String of(String slug) {
        return PREFIX + slug;
    }

    /** Slug for a plain HTTP status with no more specific type, e.g. 404 -> not-found. */
    public static String slugFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 431 -> "header-fields-too-large";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable request";
            case 428 -> "Precondition required";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 500 -> "Internal error";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "HTTP " + status;
        };
    }
}
