package no.katapult.gateway.upstream;

import org.junit.jupiter.api.Test;

import static no.katapult.gateway.upstream.InstanceHealth.Status.DOWN;
import static no.katapult.gateway.upstream.InstanceHealth.Status.UNKNOWN;
import static no.katapult.gateway.upstream.InstanceHealth.Status.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceHealthTest {

    @Test
    void untilTheFirstCheckAnInstanceGetsRequestsAndTheFirstCheckDecides() {
        InstanceHealth health = new InstanceHealth(2, 3);
        assertEquals(UNKNOWN, health.status());
        assertTrue(health.routable());
        assertEquals(DOWN, health.checked(false, "Connection refused"));
        assertFalse(health.routable());

        InstanceHealth other = new InstanceHealth(2, 3);
        assertEquals(UP, other.checked(true, "HTTP 200"));
    }

    @Test
    void oneLostCheckDoesNotFlapAnInstance() {
        InstanceHealth health = new InstanceHealth(2, 3);
        health.checked(true, "HTTP 200");
        assertNull(health.checked(false, "HTTP 503"), "one failure is not enough");
        assertNull(health.checked(true, "HTTP 200"), "and a pass resets the count");
        assertNull(health.checked(false, "HTTP 503"));
        assertEquals(UP, health.status());
        assertEquals(DOWN, health.checked(false, "HTTP 503"), "two in a row");
        assertEquals("HTTP 503", health.detail());
        assertEquals("2 failed in a row", health.streak());
    }

    @Test
    void aDownInstanceComesBackOnlyAfterEnoughPassedChecksInARow() {
        InstanceHealth health = new InstanceHealth(2, 3);
        health.checked(false, "Connection refused");
        assertNull(health.checked(true, "HTTP 200"));
        assertNull(health.checked(true, "HTTP 200"));
        assertNull(health.checked(false, "timeout"), "a failure in between starts over");
        assertNull(health.checked(true, "HTTP 200"));
        assertNull(health.checked(true, "HTTP 200"));
        assertFalse(health.routable());
        assertEquals(UP, health.checked(true, "HTTP 200"));
        assertTrue(health.routable());
    }

    @Test
    void aRefusedConnectionMarksAnInstanceDownAtOnce() {
        InstanceHealth health = new InstanceHealth(5, 2);
        health.checked(true, "HTTP 200");
        assertEquals(DOWN, health.refused("Connection refused: localhost/127.0.0.1:8181"));
        assertNull(health.refused("Connection refused"), "already down: no second change");
        assertNull(health.checked(true, "HTTP 200"));
        assertEquals(UP, health.checked(true, "HTTP 200"));
    }

    @Test
    void thresholdsBelowOneAreRefused() {
        assertThrows(IllegalStateException.class, () -> new InstanceHealth(0, 1));
        assertThrows(IllegalStateException.class, () -> new InstanceHealth(1, 0));
    }
}
