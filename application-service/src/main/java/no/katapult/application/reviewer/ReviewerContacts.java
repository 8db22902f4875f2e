package no.katapult.application.reviewer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The e-mail address and locale of each reviewer's most recent token. */
@ApplicationScoped
public class ReviewerContacts {

    /** What a reviewer's token said last. */
    public record Contact(String email, String locale) {
    }

    // What was stored last per reviewer, so an unchanged token costs no write.
    private final Map<String, Contact> stored = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Records the claims of a token when they differ from the last ones recorded, in a short transaction. */
    public void recordFromToken(String username, String email, String locale) {
        Contact seen = new Contact(email, locale);
        if (seen.equals(stored.get(username))) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "INSERT INTO reviewer_token_contact (username, email, locale, seen_at) VALUES (?1, ?2, ?3, ?4) "
                                + "ON CONFLICT (username) DO UPDATE SET email = excluded.email, locale = excluded.locale, "
                                + "seen_at = excluded.seen_at")
                .setParameter(1, username).setParameter(2, email).setParameter(3, locale).setParameter(4, now)
                .executeUpdate());
        stored.put(username, seen);
    }

    /** The last recorded contact of each reviewer that has one. */
    public Map<String, Contact> of(Collection<String> usernames) {
        Map<String, Contact> result = new HashMap<>();
        if (usernames.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT username, email, locale FROM reviewer_token_contact "
                        + "WHERE username IN (?1)")
                .setParameter(1, List.copyOf(usernames)).getResultList();
        for (Object[] row : rows) {
            result.put((String) row[0], new Contact((String) row[1], (String) row[2]));
        }
        return result;
    }
}
