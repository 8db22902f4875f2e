package no.katapult.common.persistence;

import org.jboss.logging.Logger;

import java.util.function.IntSupplier;

/**
 * One round of a scheduled retention purge, the same for every table whose rows expire. Any replica may run a
 * round at any time: each deletes what has expired, and a row another replica deleted first is simply not
 * there. A round that fails (the database is restarting) is logged quietly and left to the next one, so that
 * the scheduler does not log a stack trace every interval while the database is away.
 */
public final class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private RetentionPurge() {
    }

    /**
     * Runs {@code purge}, which deletes the expired rows of {@code what} and answers how many.
     *
     * @return how many rows it deleted, or -1 when the round failed
     */
    public static int run(String what, IntSupplier purge) {
        try {
            int removed = purge.getAsInt();
            if (removed > 0) {
                LOG.infof("Removed %d %s past their retention", removed, what);
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.debugf("Purge of %s failed, left to the next round: %s", what, e.getMessage());
            return -1;
        }
    }
}
