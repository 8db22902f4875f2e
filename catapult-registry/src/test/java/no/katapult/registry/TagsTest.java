package no.katapult.registry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagsTest {

    @Test
    void tagsAreLowerCaseSingleSpacedAndUniqueInFirstSeenOrder() {
        assertEquals(List.of("3d-printing", "metal am"),
                Tags.normalise(Arrays.asList("3D-printing ", null, "  ", "Metal\t AM", "3d-printing")));
        assertEquals(List.of(), Tags.normalise((List<String>) null));
    }

    @Property
    void normalisingTwiceChangesNothingAndNoTagIsBlankOrRepeated(@ForAll List<String> tags) {
        List<String> once = Tags.normalise(new ArrayList<>(tags));
        assertEquals(once, Tags.normalise(once));
        assertEquals(once.size(), new HashSet<>(once).size());
        for (String tag : once) {
            assertTrue(!tag.isBlank() && tag.equals(tag.strip()) && tag.equals(tag.toLowerCase(Locale.ROOT)), tag);
        }
    }
}
