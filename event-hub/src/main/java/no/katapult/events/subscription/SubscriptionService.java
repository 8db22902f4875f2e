package no.katapult.events.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;
import no.katapult.events.Audience;
import no.katapult.events.Cursor;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.delivery.Deliveries;
import no.katapult.events.delivery.WebhookSignature;
import no.katapult.events.delivery.WebhookUrls;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The rules of subscriptions: who may have one, which URLs, and that each caller sees only their own. */
@ApplicationScoped
public class SubscriptionService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    WebhookUrls urls;

    @Inject
    Deliveries deliveries;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Subscription create(SubscriptionRequest request) {
        Audience audience = Audience.of(caller);
        WebhookUrls.Target target;
        try {
            target = urls.check(request.url());
        } catch (WebhookUrls.Refused refused) {
            throw new ProblemException(422, "webhook-url-refused", "Webhook URL refused", "url: " + refused.getMessage(),
                    List.of(new Problem.FieldError("url", refused.getMessage())));
        }
        long owned = Subscription.count("ownerSubject", caller.subject());
        if (owned >= config.webhook().maxPerOwner()) {
            throw ProblemException.unprocessable("subscription-limit", "You have " + owned
                    + " subscriptions, the most one caller may have; delete one first");
        }
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerSubject = caller.subject();
        s.audience = audience;
        s.ownerOrgNo = audience == Audience.SME ? caller.requireOrgNo() : null;
        s.url = target.uri().toString();
        s.types = request.types() == null ? new String[0] : request.types().stream().distinct().toArray(String[]::new);
        s.description = request.description() == null || request.description().isBlank() ? null : request.description().strip();
        s.secret = WebhookSignature.newSecret();
        s.status = SubscriptionStatus.ACTIVE;
        s.createdAt = clock.instant().atOffset(ZoneOffset.UTC);
        // From the events fan-out has not reached yet: waiting for a running fan-out round (row lock) makes
        // "after this position" exact, so no event is half-delivered to a subscription being created.
        s.startPosition = ((Number) em.createNativeQuery("SELECT last_position FROM fanout_cursor WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        s.persist();
        return s;
    }

    public PageResponse<SubscriptionView> list(PageRequest page) {
        Audience.of(caller);
        var query = Subscription.find("ownerSubject = ?1 ORDER BY createdAt, id", caller.subject());
        List<Subscription> items = query.page(page.page(), page.size()).list();
        return PageResponse.of(items.stream().map(SubscriptionView::of).toList(), page, query.count());
    }

    /** The caller's subscription; 404 for anyone else's, which is not revealed to exist. */
    public Subscription get(UUID id) {
        Audience.of(caller);
        Subscription s = id == null ? null : Subscription.findById(id);
        if (s == null || !s.ownerSubject.equals(caller.subject())) {
            throw ProblemException.notFound("No subscription " + id + " of yours");
        }
        return s;
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Subscription s = get(id);
        ETags.check(ifMatch, s.version, false);
        s.delete();
    }

    /** Sends the events after a cursor again, and enables the subscription if it was disabled. */
    @Transactional
    public ReplayView replay(UUID id, long after) {
        Subscription s = get(id);
        Deliveries.Replay replay = deliveries.replay(s.id, after);
        if (s.status == SubscriptionStatus.DISABLED) {
            em.createNativeQuery("UPDATE subscription SET status = 'ACTIVE', status_reason = NULL, disabled_at = NULL, "
                            + "consecutive_dead = 0, failing_since = NULL, version = version + 1 WHERE id = :id")
                    .setParameter("id", s.id).executeUpdate();
        }
        return new ReplayView(replay.queued(), Cursor.of(after), Cursor.of(replay.until()), SubscriptionStatus.ACTIVE);
    }
}
