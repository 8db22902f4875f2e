package no.katapult.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryPolicyTest {

    @ParameterizedTest(name = "{0} idempotency-key={1} if-match={2}: {3}")
    @CsvSource({
            "GET, , , true",
            "HEAD, , , true",
            "OPTIONS, , , true",
            "POST, , , false",
            "PUT, , , false",
            "PATCH, , , false",
            "DELETE, , , false",
            "POST, k-1, , true",
            "PUT, , '\"3\"', true",
            "PATCH, , '\"3\"', true",
            "DELETE, , '\"7\"', true",
            "POST, ' ', , false",
            "POST, , ' ', false"
    })
    void onlySafeRequestsAndWritesThatCanBeRepeatedSafelyAreRetried(String method, String key, String ifMatch,
                                                                    boolean retried) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (key != null) {
            headers.add("idempotency-key", key);
        }
        if (ifMatch != null) {
            headers.add("IF-MATCH", ifMatch);
        }
        assertEquals(retried, RetryPolicy.mayRetryOnAnotherInstance(HttpMethod.valueOf(method), headers));
    }
}
