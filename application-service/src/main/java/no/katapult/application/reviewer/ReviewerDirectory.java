package no.katapult.application.reviewer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this service knows of reviewers, from every source: the pool record (siva-admin), their own declaration,
 * their tokens, and organisations given in earlier assignments. The assignment and the review checks read this.
 */
@ApplicationScoped
public class ReviewerDirectory {

    @Inject
    ReviewerOrganisations recorded;

    @Inject
    ReviewerContacts contacts;

    /** A reviewer as the conflict-of-interest check sees them. */
    public record Known(String username, boolean inPool, List<Tie> ties) {

        /** In the pool, or seen with an organisation: the check has something to go on. */
        public boolean isKnown() {
            return inPool || ties.stream().anyMatch(t -> t.source() == Tie.Source.TOKEN || t.source() == Tie.Source.ASSIGNMENT);
        }

        /** Organisations the reviewer belongs to. */
        public List<String> memberOf() {
            return ties.stream().filter(t -> t.kind() == Tie.Kind.MEMBER).map(Tie::orgNo).distinct().sorted().toList();
        }

        /** Organisations the reviewer has a recorded conflict of interest with. */
        public List<String> conflicts() {
            return ties.stream().filter(t -> t.kind() == Tie.Kind.CONFLICT).map(Tie::orgNo).distinct().sorted().toList();
        }
    }

    /** Where to tell a reviewer of an assignment; any part may be unknown (null). */
    public record Contact(String username, String name, String email, String locale) {
    }

    /** Everything known of each reviewer, by username (in the order asked for). Call inside a transaction. */
    public Map<String, Known> of(Collection<String> usernames) {
        Map<String, Reviewer> pool = pool(usernames);
        Map<String, DeclaredConflicts> declared = new HashMap<>();
        if (!usernames.isEmpty()) {
            DeclaredConflicts.<DeclaredConflicts>list("username in ?1", List.copyOf(usernames))
                    .forEach(d -> declared.put(d.username, d));
        }
        Map<String, Map<String, ReviewerOrganisations.Source>> seen = recorded.of(usernames);
        Map<String, Known> result = new TreeMap<>();
        for (String u : usernames) {
            List<Tie> ties = new ArrayList<>();
            Reviewer r = pool.get(u);
            if (r != null) {
                r.organisations.forEach(o -> ties.add(Tie.member(o, Tie.Source.POOL_ORGANISATION)));
                r.conflicts.forEach(o -> ties.add(Tie.conflict(o, Tie.Source.POOL_CONFLICT)));
            }
            DeclaredConflicts d = declared.get(u);
            if (d != null) {
                d.conflicts.forEach(o -> ties.add(Tie.conflict(o, Tie.Source.DECLARED)));
            }
            seen.getOrDefault(u, Map.of()).forEach((o, source) -> ties.add(Tie.member(o,
                    source == ReviewerOrganisations.Source.TOKEN ? Tie.Source.TOKEN : Tie.Source.ASSIGNMENT)));
            result.put(u, new Known(u, r != null, List.copyOf(ties)));
        }
        return result;
    }

    /** Name, e-mail address and locale of each reviewer: from the pool record, else from their last token. */
    public Map<String, Contact> contacts(Collection<String> usernames) {
        Map<String, Reviewer> pool = pool(usernames);
        Map<String, ReviewerContacts.Contact> seen = contacts.of(usernames);
        Map<String, Contact> result = new TreeMap<>();
        for (String u : usernames) {
            Reviewer r = pool.get(u);
            ReviewerContacts.Contact token = seen.get(u);
            String email = r != null ? r.email : token == null ? null : token.email();
            String locale = r != null && r.locale != null ? r.locale : token == null ? null : token.locale();
            result.put(u, new Contact(u, r == null ? null : r.name, email, locale));
        }
        return result;
    }

    private static Map<String, Reviewer> pool(Collection<String> usernames) {
        Map<String, Reviewer> pool = new HashMap<>();
        if (!usernames.isEmpty()) {
            Reviewer.<Reviewer>list("username in ?1", List.copyOf(usernames)).forEach(r -> pool.put(r.username, r));
        }
        return pool;
    }
}
