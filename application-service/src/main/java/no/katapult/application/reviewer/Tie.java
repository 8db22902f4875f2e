package no.katapult.application.reviewer;

/**
 * A reason a reviewer may not assess an application of organisation {@code orgNo}: they belong to it, or a
 * conflict of interest with it is on record. {@code source} says where the tie comes from.
 */
public record Tie(String orgNo, Kind kind, Source source) {

    public enum Kind { MEMBER, CONFLICT }

    public enum Source {
        POOL_ORGANISATION("their reviewer pool record"),
        POOL_CONFLICT("their reviewer pool record"),
        DECLARED("their own declaration"),
        TOKEN("their token"),
        ASSIGNMENT("an earlier assignment");

        public final String description;

        Source(String description) {
            this.description = description;
        }
    }

    public static Tie member(String orgNo, Source source) {
        return new Tie(orgNo, Kind.MEMBER, source);
    }

    public static Tie conflict(String orgNo, Source source) {
        return new Tie(orgNo, Kind.CONFLICT, source);
    }
}
