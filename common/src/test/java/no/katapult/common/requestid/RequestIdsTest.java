package no.katapult.common.requestid;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A caller's X-Request-Id ends up in logs and problem bodies: only short, harmless tokens are kept. */
class RequestIdsTest {

    @Test
    void aSaneIdIsKept() {
        assertEquals("5f0c6a4e-8d1b-4c2a", RequestIds.acceptOrGenerate("5f0c6a4e-8d1b-4c2a"));
        assertEquals("in:2027.03.30_run-7", RequestIds.acceptOrGenerate("in:2027.03.30_run-7"));
        assertEquals("r".repeat(128), RequestIds.acceptOrGenerate("r".repeat(128)));
    }

    @Test
    void noIdOrAnInsaneOneGetsAFreshUuid() {
        for (String insane : new String[] {null, "", "r".repeat(129), "abc\r\nX-Admin: true", "a b", "<script>", "ø"}) {
            String id = RequestIds.acceptOrGenerate(insane);
            assertNotEquals(insane, id);
            assertDoesNotThrow(() -> UUID.fromString(id), id);
        }
    }

    @Property
    void anIdWithAnyOtherCharacterIsReplaced(@ForAll @StringLength(min = 1, max = 128) String incoming) {
        Assume.that(!incoming.matches("[A-Za-z0-9._:\\-]+"));
        String id = RequestIds.acceptOrGenerate(incoming);
        assertDoesNotThrow(() -> UUID.fromString(id), id);
    }
}
