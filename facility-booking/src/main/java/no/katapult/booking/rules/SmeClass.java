package no.katapult.booking.rules;

/** The EU SME class of an organisation (Recommendation 2003/361/EC), derived by the registry from its declaration. */
public enum SmeClass { MICRO, SMALL, MEDIUM, LARGE }
