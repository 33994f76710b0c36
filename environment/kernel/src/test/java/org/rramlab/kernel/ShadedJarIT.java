package org.rramlab.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded {@code rramlab-kernel.jar} as the kernelspec starts it ({@code java -jar}): the relocated resolver
 * libraries still work together (%maven resolves, SLF4J finds its provider and stays quiet), and none of them
 * leaks under its own package name, where it would shadow a notebook's own copy.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "rramlab-kernel.jar");

    @Test
    void resolverLibrariesAreRelocated() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by the package phase");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String prefix : List.of("org/slf4j/", "org/apache/http/", "org/codehaus/plexus/", "org/objectweb/asm/",
                    "org/apache/commons/codec/", "org/apache/commons/logging/")) {
                assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith(prefix)), prefix + " is relocated");
                assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("org/rramlab/kernel/shaded/" + prefix)),
                        prefix + " is there, relocated");
            }
            assertTrue(jar.getEntry("org/rramlab/kernel/kernel.properties") != null);
        }
    }

    @Test
    void mavenMagicWorksFromTheShadedJar(@TempDir Path work) throws Exception {
        Path repo = TestJars.repositoryWithTransitiveDependency(work);
        try (KernelClient kernel = new KernelClient(work, List.of("--add-modules", "jdk.incubator.vector",
                "-Dmaven.repo.local=" + work.resolve("local-repo")), JAR.toAbsolutePath())) {
            KernelClient.Execution run = kernel.execute("%mavenRepo testrepo " + repo.toUri() + "\n"
                    + "%maven org.rramlab.test:greeting:1.0\ndemo.Greeting.text()", Duration.ofSeconds(60));
            assertEquals("ok", run.status(), run.traceback());
            assertEquals("hello from a transitive dependency", run.result("text/plain"));
            assertFalse(run.stream("stderr").contains("SLF4J"), "SLF4J found its provider: " + run.stream("stderr"));
            assertTrue(kernel.request("kernel_info_request", new com.google.gson.JsonObject())
                    .getAsJsonObject("content").get("implementation_version").getAsString().contains("."));
        }
        String log = Files.readString(work.resolve("kernel.log"));
        assertFalse(log.contains("SLF4J"), "nothing from SLF4J in the kernel's own output: " + log);
    }
}
