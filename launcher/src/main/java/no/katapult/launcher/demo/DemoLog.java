package no.katapult.launcher.demo;

import no.katapult.launcher.console.Console;

import java.time.Duration;
import java.util.Locale;

/** Output of the demo loader, prefixed {@code demo | }; failures stand out. */
final class DemoLog {

    static final String NAME = "demo";

    void step(String what) {
        Console.line(NAME, "created " + what);
    }

    void done(String what) {
        Console.line(NAME, "ok: " + what);
    }

    void failed(String area, String what) {
        Console.line(NAME, "");
        Console.line(NAME, "!!! DEMO DATA FAILED (" + area + "): " + what);
        Console.line(NAME, "");
    }

    /** A request the gateway or the OIDC provider was not ready for, asked again after {@code wait}. */
    void retrying(String request, String reason, Duration wait) {
        Console.line(NAME, "waiting: " + request + " " + reason + "; again in "
                + String.format(Locale.ROOT, "%.1f", wait.toMillis() / 1000.0) + " s");
    }

    void skipped(String area, String why) {
        Console.line(NAME, "!!! DEMO DATA SKIPPED (" + area + "): " + why);
    }
}
