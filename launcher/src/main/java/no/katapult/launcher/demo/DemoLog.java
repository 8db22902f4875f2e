package no.katapult.launcher.demo;

import no.katapult.launcher.Console;

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

    void skipped(String area, String why) {
        Console.line(NAME, "!!! DEMO DATA SKIPPED (" + area + "): " + why);
    }
}
