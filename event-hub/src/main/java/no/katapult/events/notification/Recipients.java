package no.katapult.events.notification;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.common.events.EventEnvelope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is told about an event, at which address and in which language (issue 14, the table of brief 14):
 * <ul>
 *   <li>booking requested: the centre's operators from the directory; none there: the centre's contact e-mail;</li>
 *   <li>booking confirmed, rejected, cancelled: the person who booked ({@code bookedByEmail}, {@code bookedByLocale});</li>
 *   <li>application submitted: the submitter and the application's contact person, in the submitter's language;</li>
 *   <li>reviewers assigned: each newly assigned reviewer;</li>
 *   <li>application decided: the lead applicant as for submitted, and the contact person of each partner
 *       organisation (bokmål, their language being unknown).</li>
 * </ul>
 * An address appears once per event, the first role it has winning. Pure: contacts and directory are handed in.
 */
public final class Recipients {

    public static final String BOOKING_REQUESTED = "no.katapult.booking.requested";
    public static final String BOOKING_CONFIRMED = "no.katapult.booking.confirmed";
    public static final String BOOKING_REJECTED = "no.katapult.booking.rejected";
    public static final String BOOKING_CANCELLED = "no.katapult.booking.cancelled";
    public static final String APPLICATION_SUBMITTED = "no.katapult.application.submitted";
    public static final String REVIEWERS_ASSIGNED = "no.katapult.application.reviewers-assigned";
    public static final String APPLICATION_DECIDED = "no.katapult.application.decided";

    // \s alone lets control, invisible and Unicode space characters through (NUL, U+2028, a no-break space).
    private static final String ADDRESS_CHAR = "[^@\\s\\p{Cc}\\p{Cf}\\p{Z}<>,;:\"()\\[\\]\\\\]";

    /** One address, no display name, nothing that could break out of a header. */
    private static final Pattern ADDRESS = Pattern.compile(ADDRESS_CHAR + "{1,64}@" + ADDRESS_CHAR + "{1,255}");

    private Recipients() {
    }

    /** One mail to write: to whom, in which language, of which kind. */
    public record Recipient(String email, Language language, MailKind kind) {
    }

    /** A person the directory knows, with the locale attribute it holds (may be null). */
    public record Person(String email, String locale) {
    }

    /** What the notifier has learnt from the log about organisations and centres. */
    public interface Contacts {
        /** The contact e-mail of the centre with this code. */
        Optional<String> centreEmail(String centreCode);

        /** The e-mail of the organisation's contact person. */
        Optional<String> organisationEmail(String orgNo);
    }

    /** The identity provider's directory. */
    public interface Directory {
        /** The people who operate the centre with this code (attribute centre_code); empty when none or no directory. */
        List<Person> operators(String centreCode);
    }

    public static List<Recipient> of(EventEnvelope event, Contacts contacts, Directory directory) {
        JsonNode data = event.data();
        Map<String, Recipient> to = new LinkedHashMap<>();
        switch (event.type()) {
            case BOOKING_REQUESTED -> {
                String centre = text(data, "centreCode");
                if (centre != null) {
                    for (Person operator : directory.operators(centre)) {
                        add(to, operator.email(), Language.of(operator.locale()), MailKind.BOOKING_REQUESTED);
                    }
                    if (to.isEmpty()) {
                        contacts.centreEmail(centre).ifPresent(e -> add(to, e, Language.NB, MailKind.BOOKING_REQUESTED));
                    }
                }
            }
            case BOOKING_CONFIRMED, BOOKING_REJECTED, BOOKING_CANCELLED -> add(to, text(data, "bookedByEmail"),
                    Language.of(text(data, "bookedByLocale")), bookingKind(event.type()));
            case APPLICATION_SUBMITTED -> lead(to, data, MailKind.APPLICATION_SUBMITTED);
            case REVIEWERS_ASSIGNED -> {
                for (JsonNode reviewer : data.path("reviewers")) {
                    // Plain usernames (no address known) are skipped.
                    if (reviewer.isObject()) {
                        add(to, text(reviewer, "email"), Language.of(text(reviewer, "locale")), MailKind.REVIEWER_ASSIGNED);
                    }
                }
            }
            case APPLICATION_DECIDED -> {
                lead(to, data, MailKind.APPLICATION_DECIDED);
                for (JsonNode partner : data.path("partners")) {
                    String orgNo = text(partner, "orgNo");
                    if (orgNo != null) {
                        contacts.organisationEmail(orgNo).ifPresent(e -> add(to, e, Language.NB, MailKind.PARTNER_DECIDED));
                    }
                }
            }
            default -> {
                // no mail for this type
            }
        }
        return List.copyOf(to.values());
    }

    /** Whether an address is one the notifier writes to. */
    public static boolean isAddress(String email) {
        return email != null && email.length() <= 320 && ADDRESS.matcher(email).matches();
    }

    /** An address as the unique key and the envelope use it. */
    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static void lead(Map<String, Recipient> to, JsonNode data, MailKind kind) {
        JsonNode submitter = data.path("submittedBy");
        Language language = Language.of(text(submitter, "locale"));
        add(to, text(submitter, "email"), language, kind);
        add(to, text(data.path("contactPerson"), "email"), language, kind);
    }

    private static MailKind bookingKind(String type) {
        return switch (type) {
            case BOOKING_CONFIRMED -> MailKind.BOOKING_CONFIRMED;
            case BOOKING_REJECTED -> MailKind.BOOKING_REJECTED;
            default -> MailKind.BOOKING_CANCELLED;
        };
    }

    private static void add(Map<String, Recipient> to, String email, Language language, MailKind kind) {
        if (email == null) {
            return;
        }
        String address = normalise(email);
        if (isAddress(address)) {
            to.putIfAbsent(address, new Recipient(address, language, kind));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
