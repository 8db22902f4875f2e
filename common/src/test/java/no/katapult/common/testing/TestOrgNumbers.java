package no.katapult.common.testing;

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
    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private TestOrgNumbers() {
    }

    public static String fresh() {
        while (true) {
            StringBuilder sb = new StringBuilder("8");
            for (int i = 1; i < 8; i++) {
                sb.append(ThreadLocalRandom.current().nextInt(10));
            }
            int check = checkDigit(sb);
            if (check >= 0 && ISSUED.add(sb.append(check).toString())) {
                return sb.toString();
            }
        }
    }

    /** The MOD11 check digit of eight digits, or -1 when no digit makes them valid (remainder 1). */
    public static int checkDigit(CharSequence eightDigits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eightDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 1 ? -1 : remainder == 0 ? 0 : 11 - remainder;
    }
}
