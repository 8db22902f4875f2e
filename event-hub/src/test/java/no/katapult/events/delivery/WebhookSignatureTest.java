package no.katapult.events.delivery;

import com.standardwebhooks.Webhook;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our signing checked against the independent standardwebhooks library, never against itself. */
class WebhookSignatureTest {

    @Test
    void aNewSecretIsWhsecAndAtLeast24RandomBytes() {
        String secret = WebhookSignature.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24);
        assertTrue(!secret.equals(WebhookSignature.newSecret()), "fresh each time");
    }

    @Property(tries = 50)
    void signsWhatTheStandardWebhooksLibrarySigns(@ForAll String body, @ForAll @LongRange(min = 0, max = 4_000_000_000L) long timestamp)
            throws Exception {
        String secret = WebhookSignature.newSecret();
        String id = "3f2c0d1e-7b8a-4c5d-9e6f-0a1b2c3d4e5f";
        assertEquals(new Webhook(secret).sign(id, timestamp, body),
                WebhookSignature.sign(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLibraryVerifiesOurHeadersAndRefusesATamperedBody() throws Exception {
        String secret = WebhookSignature.newSecret();
        String body = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"data\":{\"navn\":\"Tromsø\"}}";
        long now = Instant.now().getEpochSecond();
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of("e1"),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(WebhookSignature.sign(secret, "e1", now, body.getBytes(StandardCharsets.UTF_8))));
        Webhook verifier = new Webhook(secret);
        assertDoesNotThrow(() -> verifier.verify(body, headers));
        assertThrows(Exception.class, () -> verifier.verify(body.replace("Tromsø", "Bodø"), headers));
        assertThrows(Exception.class, () -> new Webhook(WebhookSignature.newSecret()).verify(body, headers));
    }

    @Test
    void refusesASecretWithoutItsPrefix() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign("c2VjcmV0", "e1", 1, new byte[0]));
    }
}
