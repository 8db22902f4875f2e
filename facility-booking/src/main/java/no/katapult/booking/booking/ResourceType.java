package no.katapult.booking.booking;

/** What a booking holds: a whole facility (with all its equipment) or one equipment item. */
public enum ResourceType { FACILITY, EQUIPMENT }
