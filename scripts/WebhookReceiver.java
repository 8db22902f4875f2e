import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * A small webhook receiver for watching the suite's pushed events locally: it checks each delivery's
 * Standard Webhooks signature with the subscription's secret and prints the CloudEvent.
 *
 *   java scripts/WebhookReceiver.java 9999 whsec_...
 *
 * Subscribe it (the local stack allows loopback URLs) with
 *   POST http://localhost:8080/api/v1/subscriptions {"url": "http://127.0.0.1:9999/hook", "types": ["no.katapult."]}
 * and start it with the secret that answer shows once.
 */
public class WebhookReceiver {

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9999;
        String secret = args.length > 1 ? args[1] : System.getenv("WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String verdict = secret == null ? "unchecked (no secret given)"
                    : verify(secret, id, timestamp, body, signatures) ? "signature ok" : "SIGNATURE MISMATCH";
            System.out.printf("%s %s %s%n%s%n%n", Instant.now(), id, verdict, new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(verdict.startsWith("SIGNATURE") ? 401 : 204, -1);
            exchange.close();
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/ (Ctrl-C stops)");
    }

    static boolean verify(String secret, String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
