package no.katapult.events.subscription;

/** Whether a subscription receives deliveries (the dispatcher writes DISABLED in SQL, see DeliveryStore). */
public enum SubscriptionStatus {
    ACTIVE,
    /** Its endpoint answered 410 or kept failing; a replay enables it again. */
    DISABLED
}
