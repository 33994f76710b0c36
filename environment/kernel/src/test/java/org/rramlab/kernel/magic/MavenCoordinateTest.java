package org.rramlab.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenCoordinateTest {
    @Test
    void threeFourAndFivePartsAsIJavaHasThem() throws MagicException {
        assertEquals("org.a:b:jar:1.0", MavenCoordinate.parse("org.a:b:1.0").resolverForm());
        assertEquals("org.a:b:pom:1.0", MavenCoordinate.parse("org.a:b:pom:1.0").resolverForm());
        MavenCoordinate native_ = MavenCoordinate.parse("org.a:b:jar:linux-x86_64:1.0");
        assertEquals("linux-x86_64", native_.classifier());
        assertEquals("org.a:b:jar:linux-x86_64:1.0", native_.resolverForm());
        assertEquals("[1.0,2.0)", MavenCoordinate.parse("org.a:b:[1.0,2.0)").version());
    }

    @Test
    void malformedCoordinatesSayWhatIsWrongAndWhatIsExpected() {
        assertMessage("commons-text", "'commons-text' is not a Maven coordinate (1 part");
        assertMessage("org.a:b", "(2 parts between colons)");
        assertMessage("org.a::1.0", "has an empty artifact");
        assertMessage("org.a:b:", "has an empty version");
        assertMessage("org a:b:1.0", "the group 'org a' has characters");
        assertMessage("a:b:c:d:e:f", "(6 parts");
    }

    private static void assertMessage(String coordinate, String expected) {
        MagicException e = assertThrows(MagicException.class, () -> MavenCoordinate.parse(coordinate));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("expected group:artifact:version"), e.getMessage());
    }
}
