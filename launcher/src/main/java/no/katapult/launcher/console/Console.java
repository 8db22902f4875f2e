package no.katapult.launcher.console;

import java.io.PrintStream;

/** Prints lines prefixed with the name of the part that wrote them, aligned: {@code registry    | ...}. */
public final class Console {

    private static final int WIDTH = "application".length();
    private static final PrintStream OUT = System.out;

    private Console() {
    }

    public static void line(String source, String text) {
        String prefix = String.format("%-" + WIDTH + "s | ", source);
        synchronized (OUT) {
            OUT.print(prefix);
            OUT.println(text);
            OUT.flush();
        }
    }

    public static void info(String text) {
        line("launcher", text);
    }

    /** A block printed without prefixes, such as the table of URLs. */
    public static void block(String text) {
        synchronized (OUT) {
            OUT.println(text);
            OUT.flush();
        }
    }
}
