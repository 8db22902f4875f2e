package no.katapult.common.problem;

/**
 * Every extension member a problem may carry besides the RFC 9457 ones. {@link Problem#with} and
 * {@link ProblemException#with} take only these, and the contract's Problem schema declares each of them
 * (ProblemOpenApiFilter), so a client never meets a member the contract does not name.
 */
public enum ProblemMember {
    FIELD("field", Type.STRING, "The one offending field, for a problem about a single field"),
    LIMIT("limit", Type.INTEGER, "The limit that was exceeded (characters, bytes or items, as the detail says)"),
    USED("used", Type.INTEGER, "How much of the limit was already used"),
    MAX_FILE_SIZE("maxFileSize", Type.INTEGER, "The largest file accepted, in bytes"),
    EVENTS("events", Type.INTEGER, "How many events the request would replay"),
    SERVICE("service", Type.STRING, "The component that could not answer or refused the request"),
    REGISTRY_STATUS("registryStatus", Type.INTEGER, "The status catapult-registry answered"),
    RULE("rule", Type.STRING, "The booking or aid rule that refused the request"),
    CODE("code", Type.STRING, "The code that is already taken"),
    CALL_ID("callId", Type.UUID, "The funding call concerned"),
    CENTRE_ID("centreId", Type.UUID, "The centre concerned"),
    FACILITY_ID("facilityId", Type.UUID, "The facility concerned"),
    CURRENT_ETAG("currentETag", Type.STRING, "The resource's current ETag, for the next If-Match"),
    CURRENT_STATUS("currentStatus", Type.STRING, "The resource's current status"),
    ALLOWED("allowed", Type.STRINGS, "The values that are accepted"),
    ALLOWED_ACTIONS("allowedActions", Type.STRINGS, "The actions the resource allows in its current status"),
    ALLOWED_FROM("allowedFrom", Type.STRINGS, "The statuses from which this transition is allowed"),
    ALLOWED_TRANSITIONS("allowedTransitions", Type.OBJECTS,
            "The transitions allowed from the current status: each operation with the statuses it leads to"),
    OPENS_AT("opensAt", Type.DATE_TIME, "When the call opens"),
    CLOSES_AT("closesAt", Type.DATE_TIME, "When the call closes"),
    EARLIEST_START("earliestStart", Type.DATE_TIME, "The earliest start the facility accepts now"),
    LATEST_START("latestStart", Type.DATE_TIME, "The latest start within the facility's booking horizon"),
    CONFLICTING_PERIOD("conflictingPeriod", Type.OBJECT, "The existing booking's period (start, end)"),
    BLOCKED_PERIOD("blockedPeriod", Type.OBJECT, "The period the existing booking blocks with its buffers (start, end)"),
    CONFLICTS("conflicts", Type.OBJECTS, "The declared conflicts of interest that stand in the way"),
    REVIEWERS("reviewers", Type.STRINGS, "The reviewers concerned"),
    BUDGET("budget", Type.MONEY, "The call's budget"),
    GRANTED_TOTAL("grantedTotal", Type.MONEY, "What the call has granted so far"),
    REMAINING_BUDGET("remainingBudget", Type.MONEY, "What is left of the call's budget"),
    REQUESTED_AMOUNT("requestedAmount", Type.MONEY, "The amount the application requests"),
    AID_AMOUNT("aidAmount", Type.MONEY, "The state aid this booking would add"),
    AID_USED("aidUsed", Type.MONEY, "The de minimis aid already granted within the three-year window"),
    CEILING("ceiling", Type.MONEY, "The de minimis ceiling in NOK"),
    CEILING_EUR("ceilingEur", Type.DECIMAL, "The de minimis ceiling in EUR"),
    HEADROOM("headroom", Type.MONEY, "The aid still available under the ceiling"),
    HEADROOM_EUR("headroomEur", Type.DECIMAL, "The aid still available under the ceiling, in EUR");

    /** The JSON shape of a member, as the contract declares it. */
    public enum Type { STRING, INTEGER, DECIMAL, UUID, DATE_TIME, STRINGS, OBJECT, OBJECTS, MONEY }

    private final String jsonName;
    private final Type type;
    private final String description;

    ProblemMember(String jsonName, Type type, String description) {
        this.jsonName = jsonName;
        this.type = type;
        this.description = description;
    }

    public String jsonName() {
        return jsonName;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }
}
