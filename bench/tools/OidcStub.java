import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A minimal OpenID Connect provider for the benchmarks, so they need no Keycloak: it serves the
 * discovery document and the JWKS that Quarkus OIDC reads, and mints RS256 access tokens shaped
 * like the catapult realm's (issuer = the realm URL, aud katapult-api, realm_access.roles, org_no,
 * centre_code, preferred_username). The services validate them exactly as they validate Keycloak's.
 *
 *   java bench/tools/OidcStub.java PORT
 *   realm URL (CATAPULT_OIDC_URL): http://127.0.0.1:PORT/realms/bench
 *   GET /mint?user=sme-1&roles=sme&org_no=910000012[&centre_code=x][&ttl=7200]  -> the token as text
 *
 * Listens on 127.0.0.1 only. The key lives in memory: tokens die with the process.
 */
public class OidcStub {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String KID = "bench-key";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String realm = "/realms/bench";
        String issuer = "http://127.0.0.1:" + port + realm;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();

        String discovery = "{\"issuer\":\"" + issuer + "\","
                + "\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\","
                + "\"n\":\"" + B64.encodeToString(unsigned(pub.getModulus())) + "\","
                + "\"e\":\"" + B64.encodeToString(unsigned(pub.getPublicExponent())) + "\"}]}";

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext(realm + "/.well-known/openid-configuration", ex -> send(ex, 200, "application/json", discovery));
        server.createContext(realm + "/protocol/openid-connect/certs", ex -> send(ex, 200, "application/json", jwks));
        server.createContext("/mint", ex -> {
            try {
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                send(ex, 200, "text/plain", mint(keys, issuer, q));
            } catch (Exception e) {
                send(ex, 400, "text/plain", String.valueOf(e));
            }
        });
        server.createContext("/", ex -> send(ex, 404, "text/plain", "not found"));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("oidc-stub ready " + issuer);
    }

    static String mint(KeyPair keys, String issuer, Map<String, String> q) throws Exception {
        String user = q.getOrDefault("user", "bench-user");
        long now = System.currentTimeMillis() / 1000;
        long ttl = Long.parseLong(q.getOrDefault("ttl", "7200"));
        List<String> roles = new ArrayList<>();
        for (String r : q.getOrDefault("roles", "").split(",")) {
            if (!r.isBlank()) {
                roles.add("\"" + json(r.trim()) + "\"");
            }
        }
        StringBuilder claims = new StringBuilder("{")
                .append("\"iss\":\"").append(issuer).append("\",")
                .append("\"aud\":\"katapult-api\",")
                .append("\"sub\":\"").append(UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8))).append("\",")
                .append("\"typ\":\"Bearer\",\"azp\":\"bench\",")
                .append("\"iat\":").append(now).append(",\"exp\":").append(now + ttl).append(",")
                .append("\"jti\":\"").append(UUID.randomUUID()).append("\",")
                .append("\"preferred_username\":\"").append(json(user)).append("\",")
                .append("\"realm_access\":{\"roles\":[").append(String.join(",", roles)).append("]}");
        for (String claim : new String[]{"org_no", "centre_code"}) {
            if (q.containsKey(claim)) {
                claims.append(",\"").append(claim).append("\":\"").append(json(q.get(claim))).append("\"");
            }
        }
        claims.append("}");
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(rsa.sign());
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
