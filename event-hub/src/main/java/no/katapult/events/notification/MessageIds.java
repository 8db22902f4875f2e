package no.katapult.events.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The Message-ID of a mail: made from the event id and the recipient, so that the same mail sent again (a sender
 * died after the SMTP server took it but before the hub recorded it) carries the same Message-ID and a mail
 * client or archive recognises it. The recipient is hashed: Message-IDs travel on in replies.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(UUID eventId, String recipient, String fromAddress) {
        return "<" + eventId + "." + hash(recipient) + "@" + domain(fromAddress) + ">";
    }

    /** The domain of a sender such as {@code Norsk katapult <varsel@katapult.no>}. */
    static String domain(String from) {
        String address = from.contains("<") ? from.substring(from.lastIndexOf('<') + 1).replace(">", "") : from;
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).strip();
        return domain.matches("[A-Za-z0-9.-]+") ? domain.toLowerCase() : "katapult.invalid";
    }

    private static String hash(String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Recipients.normalise(recipient).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
