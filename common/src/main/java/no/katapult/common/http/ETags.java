package no.katapult.common.http;

import no.katapult.common.problem.ProblemException;

/** Strong ETags derived from an entity version, and the If-Match checks of the API guide. */
public final class ETags {
    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks If-Match against the current version. Missing If-Match is accepted unless
     * {@code required}, in which case it is 428. A mismatch is 412.
     */
    public static void check(String ifMatch, long currentVersion, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw ProblemException.preconditionRequired(
                        "This update requires If-Match with the ETag of the version you read");
            }
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current) || tag.equals("W/" + current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The resource has changed: its current ETag is " + current)
                .with("currentETag", current);
    }
}
