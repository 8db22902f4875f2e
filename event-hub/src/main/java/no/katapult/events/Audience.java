package no.katapult.events;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who sees which events, and as which view (issue 13): siva-admin every event with its full data; a partner
 * the events that carry a partner view, as that view; an sme its own organisation's booking and aid events,
 * with their full data. The same rule serves the feed and every subscription's deliveries, in SQL.
 */
public enum Audience {
    ADMIN, PARTNER, SME;

    /** The event types an sme sees for its own organisation. */
    public static final List<String> SME_TYPE_PREFIXES = List.of("no.katapult.booking.", "no.katapult.aid.");

    /** The caller's audience: siva-admin before partner before sme; 403 for every other role. */
    public static Audience of(Caller caller) {
        if (caller.isAdmin()) {
            return ADMIN;
        }
        if (caller.has(Roles.PARTNER)) {
            return PARTNER;
        }
        if (caller.has(Roles.SME)) {
            caller.requireOrgNo();
            return SME;
        }
        throw ProblemException.forbidden("Events are for siva-admin, partners and sme users");
    }

    /** The data this audience is given of an event it sees. */
    public JsonNode view(EventEnvelope event) {
        return this == PARTNER ? event.partnerData() : event.data();
    }

    /**
     * A SQL condition on the outbox_event row {@code e}: the events this audience sees; {@code orgExpr} is the
     * sme's organisation (a parameter or a column). Only constants are written into the SQL.
     */
    public String condition(String e, String orgExpr) {
        return switch (this) {
            case ADMIN -> "TRUE";
            case PARTNER -> e + ".partner_data IS NOT NULL";
            case SME -> "(" + e + ".org_no = " + orgExpr + " AND ("
                    + SME_TYPE_PREFIXES.stream().map(p -> "starts_with(" + e + ".type, '" + p + "')")
                    .collect(Collectors.joining(" OR ")) + "))";
        };
    }

    /** The same rule when the audience is a column's value (a subscription's owner). */
    public static String condition(String audienceColumn, String orgColumn, String e) {
        return Arrays.stream(values())
                .map(a -> "(" + audienceColumn + " = '" + a.name() + "' AND " + a.condition(e, orgColumn) + ")")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }
}
