package no.katapult.booking.rules;

/** What a booking holds: a whole facility (with all its equipment) or one equipment item. */
public enum ResourceType { FACILITY, EQUIPMENT }
