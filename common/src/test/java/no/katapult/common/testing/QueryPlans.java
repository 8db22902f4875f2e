package no.katapult.common.testing;

import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * How many query plans Hibernate holds. A query run again the same way must reuse its plan: one whose key
 * differs on every call (a native query given a scalar result class, in Hibernate 7.2) grows this by one per call.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static int cached(SessionFactory sessionFactory) {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
