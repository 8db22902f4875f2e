package no.katapult.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which type prefixes a subscription filter takes: event types and their prefixes, nothing that looks like a pattern. */
class TypePrefixTest {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]");

    @Test
    void eventTypesAndTheirPrefixesAreValid() {
        assertTrue(TypePrefix.isValid("no.katapult.booking."));
        assertTrue(TypePrefix.isValid("no.katapult.application.decided"));
        assertTrue(TypePrefix.isValid("no.katapult.application.reviewers-assigned"));
        assertTrue(TypePrefix.isValid("no_katapult"));
        assertTrue(TypePrefix.isValid("n"));
        assertTrue(TypePrefix.isValid("9.katapult"));
    }

    @Test
    void aPrefixOfExactlyTheMaximumLengthIsValidAndOneMoreIsNot() {
        String longest = "no.katapult." + "a".repeat(TypePrefix.MAX_LENGTH - "no.katapult.".length());
        assertEquals(200, longest.length());
        assertTrue(TypePrefix.isValid(longest));
        assertFalse(TypePrefix.isValid(longest + "b"));
    }

    @Test
    void nothingElseIsAPrefix() {
        for (String notAPrefix : Arrays.asList(
                null, "",
                // It must start with a letter or digit.
                ".no.katapult", ".", "-no.katapult", "_no.katapult",
                // Spaces, slashes, wildcards and other characters.
                "no.katapult booking", " no.katapult", "no.katapult/booking", "no.katapult.*", "no.katapult.%",
                // A trailing line break must not slip through as it would with find() or a '$' anchor.
                "no.katapult.booking.\n",
                // Non-ASCII letters and digits; Arabic-Indic one is a digit to Character.isDigit, not to the rule.
                "no.katapult.bøking", "ø", "no.katapult.søknad", "no.katapult.\u0661")) {
            assertFalse(TypePrefix.isValid(notAPrefix), () -> "taken as a prefix: " + notAPrefix);
        }
    }

    @Property
    void anyStringOfAllowedCharactersStartingWithALetterOrDigitAndAtMostTheMaximumLengthIsValid(
            @ForAll("prefixes") String prefix) {
        assertTrue(TypePrefix.isValid(prefix), prefix);
    }

    @Property
    void anyStringWithACharacterOutsideTheAllowedOnesIsInvalid(@ForAll("prefixes") String prefix,
                                                               @ForAll("outsiders") char outsider,
                                                               @ForAll("positions") int position) {
        int at = Math.min(position, prefix.length());
        String polluted = prefix.substring(0, at) + outsider + prefix.substring(at);
        assertFalse(TypePrefix.isValid(polluted), polluted);
    }

    @Provide
    Arbitrary<String> prefixes() {
        Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("._-")
                .ofMaxLength(TypePrefix.MAX_LENGTH - 1);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    @Provide
    Arbitrary<Character> outsiders() {
        return Arbitraries.chars().all().filter(c -> !ALLOWED.matcher(String.valueOf(c)).matches());
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, TypePrefix.MAX_LENGTH);
    }
}
