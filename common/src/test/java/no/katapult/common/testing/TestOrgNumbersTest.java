package no.katapult.common.testing;

import no.katapult.common.orgno.OrgNumbers;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestOrgNumbersTest {

    @Test
    void everyNumberIsValidAndNoneIsHandedOutTwice() {
        // 200,000 of about nine million: drawn at random, repeats would be certain (about 2,200 pairs).
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> {
            String orgNo = TestOrgNumbers.fresh();
            assertTrue(OrgNumbers.isValid(orgNo), orgNo);
            assertTrue(orgNo.startsWith("8"), orgNo);
            assertTrue(seen.add(orgNo), () -> orgNo + " was handed out twice");
        });
        assertEquals(200_000, seen.size());
    }
}
