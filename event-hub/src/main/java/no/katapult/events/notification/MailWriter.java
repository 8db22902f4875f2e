package no.katapult.events.notification;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.config.EventHubConfig;

/**
 * Writes a mail from its Qute templates: {@code templates/mail/<kind>.<lang>.txt} holds the subject (fragment
 * {@code subject}) and the plain text, {@code .html} the HTML. The templates declare their letter's type, so
 * Quarkus checks every expression in them at build time.
 */
@ApplicationScoped
public class MailWriter {

    /** A mail ready to send. */
    public record Written(String subject, String text, String html) {
    }

    @Inject
    Engine engine;

    @Inject
    EventHubConfig config;

    public Written write(MailKind kind, Language language, EventEnvelope event) {
        String name = "mail/" + kind.template() + "." + language.tag();
        Template text = template(name + ".txt");
        Template html = template(name + ".html");
        String letterName = kind.template().startsWith("booking") ? "booking" : "application";
        Object letter = letterName.equals("booking")
                ? Letters.booking(event, language, config.notifications().publicUrl())
                : Letters.application(event, language, config.notifications().publicUrl());
        String subject = text.getFragment("subject").data(letterName, letter).render().strip().replaceAll("\\s+", " ");
        return new Written(subject, text.data(letterName, letter).render().strip() + "\n",
                html.data(letterName, letter).render());
    }

    private Template template(String id) {
        Template t = engine.getTemplate(id);
        if (t == null) {
            throw new IllegalStateException("No mail template " + id);
        }
        return t;
    }
}
