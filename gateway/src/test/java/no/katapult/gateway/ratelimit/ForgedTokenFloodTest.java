package no.katapult.gateway.ratelimit;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,000 requests with forged tokens from one address, eight at a time: only the address's budget (40
 * here) reaches the token check and gets 401; every other one is a 429 problem, answered before any
 * signature is verified.
 */
@QuarkusTest
@TestProfile(ForgedTokenFloodTest.LowAddressLimit.class)
class ForgedTokenFloodTest {

    public static class LowAddressLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.ip-rate-limit.capacity", "40",
                    "gateway.ip-rate-limit.refill-tokens", "1",
                    "gateway.ip-rate-limit.refill-period", "1H");
        }
    }

    @TestHTTPResource("/api/v1/centres")
    URL centres;

    @Test
    void aFloodOfForgedTokensIsLimitedBeforeTheirSignaturesAreChecked() throws Exception {
        String forged = TestTokens.user("mallory", "siva-admin").signWithForeignKey();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(centres.toString()))
                .header("Authorization", "Bearer " + forged).build();
        AtomicInteger unauthorized = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                all.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    String type = r.headers().firstValue("Content-Type").orElse("");
                    if (r.statusCode() == 401 && type.startsWith("application/problem+json")) {
                        unauthorized.incrementAndGet();
                    } else if (r.statusCode() == 429 && type.startsWith("application/problem+json")
                            && r.body().contains("urn:katapult:problem:too-many-requests")
                            && Long.parseLong(r.headers().firstValue("Retry-After").orElse("0")) > 0) {
                        limited.incrementAndGet();
                    } else {
                        synchronized (unexpected) {
                            unexpected.add(r.statusCode() + " " + type + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(unexpected.isEmpty(), () -> "unexpected answers: " + unexpected.subList(0, Math.min(5, unexpected.size())));
        assertEquals(40, unauthorized.get(), "only the address's budget is checked");
        assertEquals(1_960, limited.get());
    }
}
