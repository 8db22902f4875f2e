package no.katapult.common.testing;

import no.katapult.common.orgno.OrgNumbers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh, valid (MOD11) organisation numbers for tests, so that test classes never share an organisation's
 * data. They start with 8, which no demo number in DOMAIN.md does. None is handed out twice in one JVM: with
 * a few thousand drawn from about nine million, a repeat would otherwise come every few dozen builds, and a
 * test that counts the registry's requests for "its" organisation would see another test's.
 */
public final class TestOrgNumbers {
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private TestOrgNumbers() {
    }

    public static String fresh() {
        while (true) {
            StringBuilder sb = new StringBuilder("8");
            for (int i = 1; i < 8; i++) {
                sb.append(ThreadLocalRandom.current().nextInt(10));
            }
            int check = OrgNumbers.checkDigit(sb);
            if (check >= 0 && ISSUED.add(sb.append(check).toString())) {
                return sb.toString();
            }
        }
    }
}
