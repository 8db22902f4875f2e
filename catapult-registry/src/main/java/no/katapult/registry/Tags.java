package no.katapult.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tags (capabilities, focus areas) are sets of lower-case words: "3D-printing " and "3d-printing"
 * are one tag, so filters match however a client wrote it.
 */
public final class Tags {
    private Tags() {
    }

    public static List<String> normalise(List<String> tags) {
        if (tags == null) {
            return new ArrayList<>();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag != null && !tag.isBlank()) {
                unique.add(normalise(tag));
            }
        }
        return new ArrayList<>(unique);
    }

    public static String normalise(String tag) {
        return tag.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
