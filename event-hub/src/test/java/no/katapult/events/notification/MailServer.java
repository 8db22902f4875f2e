package no.katapult.events.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real SMTP and IMAP server (GreenMail) on the ports of {@link MailPorts}, authentication off as in the local
 * stack: the hub delivers to any address, and any password opens the mailbox of the full address. Mails are read
 * back over IMAP with Jakarta Mail, as a person's mail client would.
 */
final class MailServer implements AutoCloseable {

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    MailServer() {
        this.smtpPort = ConfigProvider.getConfig().getValue("events.notifications.smtp.port", Integer.class);
        this.imapPort = ConfigProvider.getConfig().getValue(MailPorts.IMAP_PORT, Integer.class);
    }

    /** A mail as read over IMAP. */
    record Received(String subject, String from, List<String> to, String text, String html, String messageId,
                    String language, String eventId, String eventType, String eventSubject) {
    }

    MailServer start() {
        greenMail = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return this;
    }

    void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Everything in the address's inbox, read over IMAP (empty when nothing came yet). */
    List<Received> inbox(String address) {
        Session session = Session.getInstance(new Properties());
        try {
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", imapPort, address, "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                // Each message whole in one FETCH: read part by part, it costs a round trip per header and part.
                FetchProfile whole = new FetchProfile();
                whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
                inbox.fetch(messages, whole);
                List<Received> mails = new ArrayList<>();
                for (Message m : messages) {
                    mails.add(read(m));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read the inbox of " + address + ": " + e.getMessage(), e);
        }
    }

    private static Received read(Message m) throws MessagingException, IOException {
        String[] parts = new String[2];
        collect(m, parts);
        List<String> to = new ArrayList<>();
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
            to.add(((InternetAddress) a).getAddress());
        }
        return new Received(m.getSubject(), ((InternetAddress) m.getFrom()[0]).getAddress(), to, parts[0], parts[1],
                header(m, "Message-ID"), header(m, "Content-Language"), header(m, MailSender.EVENT_ID_HEADER),
                header(m, MailSender.EVENT_TYPE_HEADER), header(m, MailSender.SUBJECT_HEADER));
    }

    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = ((String) part.getContent()).replace("\r\n", "\n");
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = ((String) part.getContent()).replace("\r\n", "\n");
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        }
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
