package no.katapult.application.reviewer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisations a reviewer is known to belong to from outside the pool: from the reviewer's own token
 * (recorded on every authenticated request) or from siva-admin in an assignment (the deprecated
 * reviewerOrganisations). Every number ever recorded counts: a later token cannot hide an earlier employer.
 */
@ApplicationScoped
public class ReviewerOrganisations {

    public enum Source { TOKEN, ASSIGNMENT }

    // Pairs already stored, so a busy reviewer does not cost a write per request.
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    EntityManager em;

    /** Records a pair seen in a token, in its own short transaction. */
    public void recordFromToken(String username, String orgNo) {
        String key = username + "\n" + orgNo;
        if (known.contains(key)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> insert(username, orgNo, Source.TOKEN, username));
        known.add(key);
    }

    /** Records a pair given by siva-admin, inside the assignment's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFromAssignment(String username, String orgNo, String admin) {
        insert(username, orgNo, Source.ASSIGNMENT, admin);
    }

    private void insert(String username, String orgNo, Source source, String by) {
        em.createNativeQuery("INSERT INTO reviewer_organisation (username, org_no, source, recorded_at, recorded_by) "
                        + "VALUES (?1, ?2, ?3, now(), ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, username).setParameter(2, orgNo).setParameter(3, source.name()).setParameter(4, by)
                .executeUpdate();
    }

    /** Every organisation recorded for each of the reviewers, with how it was first recorded (empty when none). */
    public Map<String, Map<String, Source>> of(Collection<String> usernames) {
        Map<String, Map<String, Source>> result = new HashMap<>();
        usernames.forEach(u -> result.put(u, new TreeMap<>()));
        if (usernames.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT username, org_no, source FROM reviewer_organisation "
                        + "WHERE username IN (?1)")
                .setParameter(1, List.copyOf(usernames)).getResultList();
        for (Object[] row : rows) {
            result.get((String) row[0]).put((String) row[1], Source.valueOf((String) row[2]));
        }
        return result;
    }
}
