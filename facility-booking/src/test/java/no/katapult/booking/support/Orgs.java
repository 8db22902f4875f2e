package no.katapult.booking.support;

import no.katapult.common.orgno.OrgNumbers;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh, valid (MOD11) organisation numbers, so test classes never share an organisation's aid. */
public final class Orgs {
    private Orgs() {
    }

    public static String fresh() {
        while (true) {
            int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
            StringBuilder sb = new StringBuilder("8");
            for (int i = 1; i < 8; i++) {
                sb.append(ThreadLocalRandom.current().nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (sb.charAt(i) - '0') * weights[i];
            }
            int remainder = sum % 11;
            if (remainder == 1) {
                continue;
            }
            sb.append(remainder == 0 ? 0 : 11 - remainder);
            if (OrgNumbers.isValid(sb.toString())) {
                return sb.toString();
            }
        }
    }
}
