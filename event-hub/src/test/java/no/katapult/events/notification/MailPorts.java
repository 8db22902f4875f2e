package no.katapult.events.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Two free ports on 127.0.0.1 for the tests' GreenMail ({@link MailServer}): the hub sends to the SMTP one, the
 * tests read over IMAP. GreenMail itself is started and stopped by the tests that need it, on these ports, so
 * that a test can take the SMTP server away and bring it back.
 */
public class MailPorts implements QuarkusTestResourceLifecycleManager {

    static final String IMAP_PORT = "test.mail.imap-port";

    @Override
    public Map<String, String> start() {
        return Map.of("events.notifications.smtp.port", String.valueOf(freePort()), IMAP_PORT, String.valueOf(freePort()));
    }

    @Override
    public void stop() {
        // nothing runs here
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
