package no.katapult.common.orgno;

/** Norwegian organisation numbers (organisasjonsnummer): nine digits with a MOD11 check digit. */
public final class OrgNumbers {
    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private OrgNumbers() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() != 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return checkDigit(value) == value.charAt(8) - '0';
    }

    /**
     * The check digit of the first eight digits of {@code digits} (weights 3 2 7 6 5 4 3 2), or -1 when none makes
     * them valid: a weighted sum that leaves remainder 1.
     */
    public static int checkDigit(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 1 ? -1 : (11 - remainder) % 11;
    }
}
