package org.rramlab.kernel;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small jars for the tests, compiled from source on the spot, so the kernel has something new to load. */
final class TestJars {
    private TestJars() {}

    /** Compiles one public class {@code pkg.name} with the given body into a fresh class folder under {@code work}. */
    static Path compile(Path work, String pkg, String name, String body, Path... classpath) throws IOException {
        Path src = Files.createDirectories(work.resolve("src-" + pkg + "-" + name).resolve(pkg));
        Files.writeString(src.resolve(name + ".java"), "package " + pkg + "; public class " + name + " { " + body + " }");
        Path classes = Files.createDirectories(work.resolve("classes-" + pkg + "-" + name));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        if (classpath.length > 0) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, Stream.of(classpath).map(Path::toString).toList()));
        }
        args.add(src.resolve(name + ".java").toString());
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, rc, "test class " + pkg + "." + name + " compiles");
        return classes;
    }

    /** Compiles {@code pkg.name} and packs it into {@code jar}. */
    static Path jar(Path work, Path jar, String pkg, String name, String body, Path... classpath) throws IOException {
        Path classes = compile(work, pkg, name, body, classpath);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(pkg + "/" + name + ".class"));
            out.write(Files.readAllBytes(classes.resolve(pkg + "/" + name + ".class")));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * A Maven repository (file: URL) holding {@code org.rramlab.test:greeting:1.0}, whose {@code demo.Greeting}
     * calls {@code demo.Words} from its dependency {@code org.rramlab.test:words:1.0}: resolving the first must
     * bring the second.
     */
    static Path repositoryWithTransitiveDependency(Path work) throws IOException {
        Path repo = work.resolve("maven-repo");
        Path wordsDir = repo.resolve("org/rramlab/test/words/1.0");
        Path wordsJar = jar(work, wordsDir.resolve("words-1.0.jar"), "demo", "Words",
                "public static String greeting() { return \"hello from a transitive dependency\"; }");
        Files.writeString(wordsDir.resolve("words-1.0.pom"), pom("words", ""));
        Path greetingDir = repo.resolve("org/rramlab/test/greeting/1.0");
        jar(work, greetingDir.resolve("greeting-1.0.jar"), "demo", "Greeting",
                "public static String text() { return Words.greeting(); }", wordsJar);
        Files.writeString(greetingDir.resolve("greeting-1.0.pom"), pom("greeting", """
                  <dependencies>
                    <dependency>
                      <groupId>org.rramlab.test</groupId>
                      <artifactId>words</artifactId>
                      <version>1.0</version>
                    </dependency>
                    <dependency>
                      <groupId>org.rramlab.test</groupId>
                      <artifactId>only-for-tests</artifactId>
                      <version>1.0</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                """));
        return repo;
    }

    private static String pom(String artifact, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.rramlab.test</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                %s</project>
                """.formatted(artifact, dependencies);
    }
}
