package org.rramlab.kernel.magic;

import java.util.regex.Pattern;

/**
 * A Maven coordinate as IJava's {@code %maven} takes it: {@code group:artifact:version},
 * {@code group:artifact:packaging:version} or {@code group:artifact:packaging:classifier:version}.
 * Parsing is strict so that a typo is named before any repository is asked.
 */
public record MavenCoordinate(String group, String artifact, String extension, String classifier, String version) {
    static final String EXPECTED = "expected group:artifact:version (or group:artifact:packaging:version,"
            + " group:artifact:packaging:classifier:version), e.g. org.apache.commons:commons-text:1.12.0";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    // Plain versions, ranges such as [1.0,2.0) and LATEST/RELEASE; no blanks, slashes or colons.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+\\[\\](),]+");

    public static MavenCoordinate parse(String text) throws MagicException {
        String[] parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new MagicException("%maven: '" + text + "' is not a Maven coordinate (" + parts.length
                    + (parts.length == 1 ? " part" : " parts") + " between colons); " + EXPECTED);
        }
        String group = parts[0];
        String artifact = parts[1];
        String version = parts[parts.length - 1];
        String extension = parts.length >= 4 ? parts[2] : "jar";
        String classifier = parts.length == 5 ? parts[3] : "";
        check(text, "group", group, ID);
        check(text, "artifact", artifact, ID);
        check(text, "packaging", extension, ID);
        if (parts.length == 5) {
            check(text, "classifier", classifier, ID);
        }
        check(text, "version", version, VERSION);
        return new MavenCoordinate(group, artifact, extension, classifier, version);
    }

    private static void check(String text, String what, String value, Pattern pattern) throws MagicException {
        if (value.isEmpty()) {
            throw new MagicException("%maven: '" + text + "' has an empty " + what + "; " + EXPECTED);
        }
        if (!pattern.matcher(value).matches()) {
            throw new MagicException("%maven: '" + text + "': the " + what + " '" + value
                    + "' has characters a Maven coordinate cannot have; " + EXPECTED);
        }
    }

    /** The resolver's form, {@code group:artifact:extension[:classifier]:version}. */
    public String resolverForm() {
        return group + ":" + artifact + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ("jar".equals(extension) && classifier.isEmpty() ? "" : ":" + extension)
                + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }
}
