package no.katapult.launcher.demo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The fixed ids of the demo catalogue: name-based UUIDs (RFC 9562 version 3) of
 * {@code norsk-katapult-demo/<kind>/<code or name>}, the same on every machine, so that the contract's
 * examples and the README can name real demo resources. The registry creates each at its id through
 * {@code PUT ... If-None-Match: *}.
 */
public final class DemoIds {
    private DemoIds() {
    }

    public static String centre(String code) {
        return of("centre", code);
    }

    public static String facility(String name) {
        return of("facility", name);
    }

    public static String equipment(String name) {
        return of("equipment", name);
    }

    private static String of(String kind, String key) {
        return UUID.nameUUIDFromBytes(("norsk-katapult-demo/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
