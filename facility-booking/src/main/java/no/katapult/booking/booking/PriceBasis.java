package no.katapult.booking.booking;

/** SME: the subsidised price (the difference to STANDARD is state aid). STANDARD: full price, no aid. */
public enum PriceBasis { SME, STANDARD }
