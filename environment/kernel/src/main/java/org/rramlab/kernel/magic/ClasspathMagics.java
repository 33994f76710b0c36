package org.rramlab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code %jars} and {@code %classpath}, as in IJava. Relative paths are resolved against the kernel's working
 * directory, which Jupyter sets to the notebook's folder.
 * <ul>
 *   <li>{@code %jars dir/} (trailing slash): every {@code *.jar} directly in the folder;</li>
 *   <li>{@code %jars lib/*.jar} or {@code %jars a.jar}: glob or single file;</li>
 *   <li>{@code %classpath dir-or-jar[:more]}: class folders or jars as they are.</li>
 * </ul>
 * A path that matches nothing is an error naming it, never a silent no-op: a missing library would otherwise
 * surface later as a confusing "cannot find symbol".
 */
public final class ClasspathMagics {
    private final Consumer<Path> classpath;

    /** {@code classpath} receives each resolved jar or folder, in order. */
    public ClasspathMagics(Consumer<Path> classpath) {
        this.classpath = classpath;
    }

    /** Adds the jars named by {@code args}; returns them. */
    public List<Path> jars(List<String> args) throws MagicException {
        if (args.isEmpty()) {
            throw new MagicException("%jars: no argument; expected a folder ending in '/', a jar or a glob");
        }
        List<Path> jars = new ArrayList<>();
        for (String arg : args) {
            jars.addAll(resolveJars(arg));
        }
        jars.forEach(classpath);
        return jars;
    }

    /** Adds class folders or jars as given; {@code args} may hold several, also joined by the path separator. */
    public List<Path> classpath(List<String> args) throws MagicException {
        if (args.isEmpty()) {
            throw new MagicException("%classpath: no argument; expected a class folder or a jar");
        }
        List<Path> entries = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry).toAbsolutePath().normalize();
                if (!Files.exists(path)) {
                    throw new MagicException("%classpath: '" + entry + "' does not exist (looked at " + path
                            + "); expected a class folder or a jar");
                }
                entries.add(path);
            }
        }
        entries.forEach(classpath);
        return entries;
    }

    private static List<Path> resolveJars(String arg) throws MagicException {
        Path plain = Path.of(arg).toAbsolutePath().normalize();
        boolean folder = arg.endsWith("/") || arg.endsWith(File.separator) || Files.isDirectory(plain);
        if (folder) {
            if (!Files.isDirectory(plain)) {
                throw new MagicException("%jars: folder '" + arg + "' does not exist (looked at " + plain
                        + "); build the library first (mvn package) or fix the path");
            }
            try (Stream<Path> files = Files.list(plain)) {
                List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
                if (jars.isEmpty()) {
                    throw new MagicException("%jars: folder '" + arg + "' (" + plain + ") holds no .jar files");
                }
                return jars;
            } catch (IOException e) {
                throw new MagicException("%jars: cannot list folder " + plain + ": " + e.getMessage(), e);
            }
        }
        List<Path> matches = new ArrayList<>();
        try {
            for (Path p : new GlobFinder(arg).computeMatchingFiles()) {
                matches.add(p.toAbsolutePath().normalize());
            }
        } catch (IOException | RuntimeException e) {
            throw new MagicException("%jars: cannot resolve '" + arg + "': " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new MagicException("%jars: no jar found at '" + arg + "' (looked at " + plain
                    + "); expected a jar file, a glob such as lib/*.jar, or a folder ending in '/'");
        }
        matches.sort(null);
        return matches;
    }
}
