package no.katapult.events.notification;

import io.quarkus.qute.TemplateData;

/**
 * What a booking mail says, already written for its reader's language (dates in Oslo time, amounts in NOK).
 * {@code statementUrl} is set on a confirmation whose booking carries de minimis aid.
 */
@TemplateData
public record BookingLetter(String resource, String centre, String orgNo, String bookedBy, String start, String end,
                            String purpose, String reason, boolean lateCancellation, String aidAmount,
                            String statementUrl, String url) {
}
