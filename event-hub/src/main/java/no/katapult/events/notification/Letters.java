package no.katapult.events.notification;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.common.events.EventEnvelope;

import java.math.BigDecimal;
import java.net.URI;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The letter a mail of some kind carries, from its event's data, written for a language: Oslo time in the
 * language's words, NOK amounts as its readers write them, absolute links on the gateway's public URL.
 */
public final class Letters {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Letters() {
    }

    public static BookingLetter booking(EventEnvelope event, Language language, URI publicUrl) {
        JsonNode d = event.data();
        String id = text(d, "id");
        String orgNo = text(d, "orgNo");
        BigDecimal aid = amount(d.path("price").path("aidAmount"));
        String statement = null;
        if (event.type().equals(Recipients.BOOKING_CONFIRMED) && aid != null && aid.signum() > 0 && orgNo != null) {
            // Aid counts in the year the booking was made (the aid ledger's rule).
            int year = time(d, "createdAt").map(t -> t.atZoneSameInstant(OSLO).getYear())
                    .orElse(event.time().atZoneSameInstant(OSLO).getYear());
            statement = link(publicUrl, "/api/v1/aid/" + orgNo + "/statement?year=" + year);
        }
        return new BookingLetter(text(d, "resourceName"), text(d, "centreCode"), orgNo, text(d, "bookedBy"),
                time(d, "start").map(t -> when(t, language)).orElse(null),
                time(d, "end").map(t -> when(t, language)).orElse(null),
                text(d, "purpose"), text(d, "statusReason"), d.path("lateCancellation").asBoolean(false),
                aid == null || aid.signum() <= 0 ? null : money(aid, language), statement,
                id == null ? null : link(publicUrl, "/api/v1/bookings/" + id));
    }

    public static ApplicationLetter application(EventEnvelope event, Language language, URI publicUrl) {
        JsonNode d = event.data();
        // The reviewers-assigned event names the application as applicationId.
        String id = text(d, "id") != null ? text(d, "id") : text(d, "applicationId");
        JsonNode decision = d.path("decision");
        String outcome = text(decision, "outcome");
        BigDecimal granted = amount(decision.path("grantedAmount"));
        return new ApplicationLetter(text(d, "reference"), text(d, "title"), "APPROVED".equals(outcome),
                granted == null ? null : money(granted, language), text(decision, "conditions"),
                id == null ? null : link(publicUrl, "/api/v1/applications/" + id));
    }

    /** A moment in Oslo time: "mandag 30. mars 2027 kl. 09:00" or "Monday 30 March 2027 at 09:00". */
    static String when(OffsetDateTime t, Language language) {
        ZonedDateTime oslo = t.atZoneSameInstant(OSLO);
        DateTimeFormatter format = language == Language.EN
                ? DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK)
                : DateTimeFormatter.ofPattern("EEEE d. MMMM yyyy 'kl.' HH:mm", language.locale());
        return format.format(oslo);
    }

    /** "4 200,00 kr" in bokmål (no-break spaces as Java writes them), "NOK 4,200.00" in English. */
    static String money(BigDecimal amount, Language language) {
        NumberFormat format = NumberFormat.getNumberInstance(language == Language.EN ? Locale.UK : language.locale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        String number = format.format(amount);
        return language == Language.EN ? "NOK " + number : number + " kr";
    }

    static String link(URI publicUrl, String path) {
        return publicUrl.toString().replaceAll("/+$", "") + path;
    }

    private static BigDecimal amount(JsonNode money) {
        JsonNode amount = money.path("amount");
        if (amount.isNumber()) {
            return amount.decimalValue();
        }
        if (amount.isTextual()) {
            try {
                return new BigDecimal(amount.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Optional<OffsetDateTime> time(JsonNode d, String field) {
        String s = text(d, field);
        try {
            return s == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
