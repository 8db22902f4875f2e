package no.katapult.events.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.ingest.ServiceToken;
import no.katapult.events.ingest.TokenGet;
import no.katapult.events.ingest.Unavailable;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators of a centre, from Keycloak's admin REST API: users whose attribute {@code centre_code} is the
 * centre's code, with their e-mail and {@code locale} attribute. The hub asks with its own client-credentials
 * token (catapult-internal, which the realm gives realm-management view-users).
 * <p>
 * While the directory fails, {@link #operators} throws {@link Unavailable} and the notifier waits, so that the
 * operators are not passed over for a short outage; once it has failed for longer than
 * {@code CATAPULT_DIRECTORY_GIVE_UP_AFTER}, it answers "none", and the centre's contact e-mail is written to.
 */
@ApplicationScoped
public class OperatorDirectory implements Recipients.Directory {

    private static final Logger LOG = Logger.getLogger(OperatorDirectory.class);
    private static final String CENTRE_CODE = "centre_code";
    private static final int MAX_USERS = 100;

    @Inject
    EventHubConfig config;

    @Inject
    ServiceToken token;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    private volatile TokenGet get;
    private volatile Instant failingSince;

    @Override
    public List<Recipients.Person> operators(String centreCode) {
        EventHubConfig.Directory directory = config.notifications().directory();
        if (directory.url().isEmpty()) {
            return List.of();
        }
        try {
            List<Recipients.Person> found = ask(directory, centreCode);
            if (failingSince != null) {
                LOG.info("The directory answers again");
                failingSince = null;
            }
            return found;
        } catch (Unavailable e) {
            Instant now = clock.instant();
            if (failingSince == null) {
                failingSince = now;
                LOG.warnf("The directory cannot be asked (mails about requested bookings wait): %s", e.getMessage());
            }
            if (Duration.between(failingSince, now).compareTo(directory.giveUpAfter()) >= 0) {
                LOG.debugf("The directory has failed since %s: writing to the centre's contact e-mail instead", failingSince);
                return List.of();
            }
            throw e;
        }
    }

    private List<Recipients.Person> ask(EventHubConfig.Directory directory, String centreCode) {
        String base = directory.url().get().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/users?briefRepresentation=false&first=0&max=" + MAX_USERS + "&q="
                + URLEncoder.encode(CENTRE_CODE + ":" + centreCode, StandardCharsets.UTF_8));
        byte[] body = client(directory.timeout()).body(uri, directory.timeout(), "the directory",
                "does the catapult-internal service account have realm-management view-users?");
        try {
            return operators(mapper.readTree(body), centreCode);
        } catch (IOException e) {
            throw new Unavailable("the directory answered with a body that is not a list of users");
        }
    }

    /** The enabled users of the answer whose centre_code is exactly the code (the search may match more loosely). */
    static List<Recipients.Person> operators(JsonNode users, String centreCode) {
        if (!users.isArray()) {
            throw new Unavailable("the directory answered with something other than a list of users");
        }
        List<Recipients.Person> found = new ArrayList<>();
        for (JsonNode user : users) {
            if (!user.path("enabled").asBoolean(true) || !user.path("email").isTextual()) {
                continue;
            }
            boolean staffs = false;
            for (JsonNode code : user.path("attributes").path(CENTRE_CODE)) {
                staffs |= centreCode.equals(code.asText());
            }
            if (staffs) {
                JsonNode locale = user.path("attributes").path("locale").path(0);
                found.add(new Recipients.Person(user.path("email").asText(), locale.isTextual() ? locale.asText() : null));
            }
        }
        return found;
    }

    private TokenGet client(Duration connectTimeout) {
        if (get == null) {
            get = new TokenGet(token, connectTimeout);
        }
        return get;
    }
}
