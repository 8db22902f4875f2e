package no.katapult.events.notification;

/**
 * The mails the suite sends, one Qute template per kind and language: {@code templates/mail/<name>.<lang>.txt}
 * (subject and plain text) and {@code .html}.
 */
public enum MailKind {
    /** To the operators of the centre (or its contact e-mail): a booking awaits their approval. */
    BOOKING_REQUESTED("booking-requested"),
    /** To the person who booked. */
    BOOKING_CONFIRMED("booking-confirmed"),
    BOOKING_REJECTED("booking-rejected"),
    BOOKING_CANCELLED("booking-cancelled"),
    /** To the lead applicant (the submitter and the application's contact person). */
    APPLICATION_SUBMITTED("application-submitted"),
    /** To each reviewer newly assigned to an application. */
    REVIEWER_ASSIGNED("reviewer-assigned"),
    /** To the lead applicant. */
    APPLICATION_DECIDED("application-decided"),
    /** To the contact person of each partner organisation of a decided application. */
    PARTNER_DECIDED("partner-decided");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    /** The template's name without language and extension. */
    public String template() {
        return template;
    }

    public static MailKind ofTemplate(String template) {
        for (MailKind k : values()) {
            if (k.template.equals(template)) {
                return k;
            }
        }
        throw new IllegalArgumentException("No mail kind " + template);
    }
}
