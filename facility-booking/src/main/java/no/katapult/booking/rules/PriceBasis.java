package no.katapult.booking.rules;

/** SME: the subsidised price (the difference to STANDARD is state aid). STANDARD: full price, no aid. */
public enum PriceBasis { SME, STANDARD }
