package org.rramlab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import jdk.jshell.SourceCodeAnalysis;
import org.rramlab.kernel.display.ValueRenderer;
import org.rramlab.kernel.execution.CellException;
import org.rramlab.kernel.execution.CellInterruptedException;
import org.rramlab.kernel.execution.CodeEvaluator;
import org.rramlab.kernel.execution.CompilationException;
import org.rramlab.kernel.execution.IncompleteSourceException;
import org.rramlab.kernel.magic.CellSource;
import org.rramlab.kernel.magic.ClasspathMagics;
import org.rramlab.kernel.magic.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rramlab Java kernel: IJava-compatible (same base library, JShell, direct execution in this JVM, magics
 * {@code %jars}, {@code %classpath}, {@code %load}, {@code display(...)}) and small enough to read in one sitting.
 *
 * <p>Started by Jupyter as {@code java -jar rramlab-kernel.jar <connection file>}.
 */
public final class RramlabKernel extends BaseKernel {
    /** Every session starts with these: JShell's usual imports and the display API. */
    static final List<String> STARTUP = List.of(
            "import java.io.*; import java.math.*; import java.net.*; import java.nio.file.*; import java.util.*;"
                    + " import java.util.concurrent.*; import java.util.function.*; import java.util.regex.*;"
                    + " import java.util.stream.*;",
            "import static org.rramlab.kernel.Display.*;");

    private static volatile RramlabKernel instance;

    private final CodeEvaluator evaluator;
    private final ClasspathMagics classpathMagics;
    private final ValueRenderer values;
    private final LanguageInfo languageInfo;

    public RramlabKernel() {
        this.evaluator = new CodeEvaluator(STARTUP);
        this.classpathMagics = new ClasspathMagics(evaluator::addToClasspath);
        this.values = new ValueRenderer(getRenderer());
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /** The kernel running in this JVM, or null outside a notebook. Library code finds it by reflection. */
    public static RramlabKernel getKernelInstance() {
        return instance;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar rramlab-kernel.jar <connection file> | " + WARM_UP);
            System.exit(2);
        }
        if (WARM_UP.equals(args[0])) {
            warmUp();
            return;
        }
        quietBaseLibraryLogging();
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("connection file '" + connectionFile + "' does not exist");
        }
        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
        JupyterConnection connection = new JupyterConnection(properties);
        RramlabKernel kernel = new RramlabKernel();
        instance = kernel;
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        instance = null;
    }

    /**
     * {@code --warm-up}: loads and runs what a session's first cell needs, then exits. The install script runs it
     * under {@code -XX:ArchiveClassesAtExit} to record a class-data archive that the kernelspec then uses, which
     * cuts JShell's start-up (class loading of the compiler) by about a third.
     */
    static final String WARM_UP = "--warm-up";

    private static void warmUp() throws Exception {
        CodeEvaluator evaluator = new CodeEvaluator(STARTUP);
        Object two = evaluator.eval("int one = 1;\none + 1");
        if (!Integer.valueOf(2).equals(two)) {
            throw new IllegalStateException("warm-up: 1 + 1 gave " + two);
        }
        evaluator.shell().sourceCodeAnalysis().completionSuggestions("System.out.pri", 14, new int[1]);
        evaluator.close();
    }

    /**
     * The base library logs every message it handles at INFO (under logger names like "Loop-Shell-0"): noise in
     * the notebook server's log. Drop its records below WARNING at the console; user code's logging is untouched.
     */
    private static void quietBaseLibraryLogging() {
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setFilter(record -> record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                    || record.getSourceClassName() == null
                    || !record.getSourceClassName().startsWith("io.github.spencerpark."));
        }
    }

    /** How this kernel turns values into display data (used by {@link Display}). */
    public ValueRenderer values() {
        return values;
    }

    /** Adds a jar or class folder for the cells that follow (what {@code %classpath} does). */
    public void addToClasspath(Path path) {
        evaluator.addToClasspath(path);
    }

    @Override
    public DisplayData eval(String cell) throws Exception {
        Object value = evalCell(cell);
        return value == null ? null : values.render(value);
    }

    /** Runs the cell's Java code and magics in order; the value is the last code part's value. */
    private Object evalCell(String cell) throws Exception {
        Object last = null;
        for (CellSource.Part part : CellSource.split(cell)) {
            if (part instanceof CellSource.Code code) {
                last = evaluator.eval(code.source());
            } else if (part instanceof CellSource.Magic magic) {
                runMagic(magic);
                last = null;
            }
        }
        return last;
    }

    private void runMagic(CellSource.Magic magic) throws Exception {
        switch (magic.name()) {
            case "jars" -> classpathMagics.jars(magic.args());
            case "classpath" -> classpathMagics.classpath(magic.args());
            case "load" -> load(magic.args());
            default -> throw new MagicException("unknown magic %" + magic.name() + " in '" + magic.line()
                    + "'; this kernel knows %jars, %classpath and %load");
        }
    }

    /** {@code %load file.jsh}: runs the file's code (and magics) as if it were typed into the cell. */
    private void load(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new MagicException("%load: no argument; expected a file of Java snippets (.jsh)");
        }
        for (String arg : args) {
            Path file = Path.of(arg).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new MagicException("%load: file '" + arg + "' does not exist (looked at " + file + ")");
            }
            String source;
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MagicException("%load: cannot read " + file + ": " + e.getMessage(), e);
            }
            evalCell(source);
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                evaluator.shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        // Suggestions that fit the expected type first, as IJava orders them.
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs =
                evaluator.shell().sourceCodeAnalysis().documentation(code, at, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null) {
                text.append(doc.javadoc()).append('\n');
            }
        }
        return new DisplayData(text.toString());
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof CompilationException c) {
            lines.add(errorStyler.secondary("Compilation failed:"));
            for (String block : c.diagnostics()) {
                lines.addAll(List.of(block.split("\n")));
            }
        } else if (e instanceof CellException c) {
            lines.addAll(c.trace());
        } else if (e instanceof IncompleteSourceException || e instanceof MagicException
                || e instanceof CellInterruptedException) {
            lines.add(errorStyler.secondary(e.getMessage()));
        } else {
            lines.addAll(super.formatError(e));
        }
        return lines;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: rramlab kernel (IJava-compatible, JShell, direct execution)";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("Java tutorial",
                "https://docs.oracle.com/javase/tutorial/java/nutsandbolts/index.html"));
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
    }
}
