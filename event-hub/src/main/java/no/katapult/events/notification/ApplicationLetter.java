package no.katapult.events.notification;

import io.quarkus.qute.TemplateData;

/** What an application mail says, written for its reader's language. */
@TemplateData
public record ApplicationLetter(String reference, String title, boolean approved, String grantedAmount,
                                String conditions, String url) {
}
