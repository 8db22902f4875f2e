package no.katapult.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Norwegian organisation numbers as the API wants them: nine digits, the last a MOD11 check digit over the first
 * eight (weights 3 2 7 6 5 4 3 2). For clients that check their data before sending it, and for drills that need
 * fresh valid numbers.
 */
public final class OrgNumbers {

    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private OrgNumbers() {
    }

    public static boolean valid(String orgNo) {
        return orgNo != null && orgNo.matches("\\d{9}") && checkDigit(orgNo.substring(0, 8)) == orgNo.charAt(8) - '0';
    }

    /** A valid number that starts with {@code prefix} (up to eight digits), the other digits random. */
    public static String random(String prefix) {
        if (!prefix.matches("\\d{0,8}")) {
            throw new IllegalArgumentException("a prefix of up to eight digits: " + prefix);
        }
        while (true) {
            StringBuilder digits = new StringBuilder(prefix);
            while (digits.length() < 8) {
                digits.append(ThreadLocalRandom.current().nextInt(10));
            }
            int check = checkDigit(digits);
            if (check >= 0) {
                return digits.append(check).toString();
            }
            if (prefix.length() == 8) {
                throw new IllegalArgumentException("no check digit makes " + prefix + " valid");
            }
        }
    }

    /** The check digit of eight digits, or -1 when none makes them valid (the weighted sum leaves remainder 1). */
    static int checkDigit(CharSequence eightDigits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (eightDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 1 ? -1 : (11 - remainder) % 11;
    }
}
