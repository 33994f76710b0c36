package org.rramlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import jdk.jshell.SourceCodeAnalysis;
import org.rramlab.kernel.display.ValueRenderer;
import org.rramlab.kernel.execution.CellException;
import org.rramlab.kernel.execution.CellInterruptedException;
import org.rramlab.kernel.execution.CodeEvaluator;
import org.rramlab.kernel.execution.CompilationException;
import org.rramlab.kernel.execution.IncompleteSourceException;
import org.rramlab.kernel.execution.OutputLimit;
import org.rramlab.kernel.magic.CellSource;
import org.rramlab.kernel.magic.CellTimer;
import org.rramlab.kernel.magic.ClasspathMagics;
import org.rramlab.kernel.magic.MagicException;
import org.rramlab.kernel.magic.MavenMagics;
import org.rramlab.kernel.protocol.CellHistory;
import org.rramlab.kernel.protocol.Completeness;
import org.rramlab.kernel.protocol.Inspection;
import org.rramlab.kernel.protocol.KernelInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rramlab Java kernel: IJava-compatible (same base library, JShell, direct execution in this JVM, magics
 * {@code %jars}, {@code %classpath}, {@code %load}, {@code %maven}, {@code %mavenRepo}, {@code display(...)}), with
 * JJava's {@code %time} / {@code %%time}, and small enough to read in one sitting. Beyond execution it answers
 * {@code kernel_info}, {@code is_complete}, {@code complete}, {@code inspect} and {@code history} requests.
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
    private final MavenMagics mavenMagics;
    private final ValueRenderer values;
    private final LanguageInfo languageInfo;
    private final CellHistory history = new CellHistory();
    private final OutputLimit outputLimit;
    /** The execute request being run, and where its output goes (set by the shell thread around each cell). */
    private volatile ExecuteRequest runningRequest;
    private volatile ShellReplyEnvironment runningEnv;

    public RramlabKernel() {
        this.evaluator = new CodeEvaluator(STARTUP);
        this.classpathMagics = new ClasspathMagics(evaluator::addToClasspath);
        this.mavenMagics = new MavenMagics(evaluator::addToClasspath, () -> System.out);
        this.outputLimit = new OutputLimit(getIO().out, getIO().err, OutputLimit.configuredLimit());
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

    /**
     * The base library's handlers, with these replaced: execute (wrapped, to know the request's
     * {@code store_history} and reply environment), kernel_info (with {@code status}) and history.
     */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, message) -> {
            runningRequest = message.getContent();
            runningEnv = env;
            try {
                execute.handle(env, message);
            } finally {
                runningRequest = null;
                runningEnv = null;
            }
        });
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, message) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelInfo(getLanguageInfo(), getBanner(), getHelpLinks()));
        });
        connection.setHandler(MessageType.HISTORY_REQUEST, this::handleHistory);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handleHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        List<CellHistory.Entry> entries = switch (request.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength());
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop());
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
            }
        };
        // Raw: the protocol's [session, line, input] triples, which the base library's reply cannot express.
        env.reply(new Message(message, MessageType.HISTORY_REPLY, CellHistory.reply(entries, request.includeOutput())));
    }

    @Override
    public DisplayData eval(String cell) throws Exception {
        ExecuteRequest request = runningRequest;
        // The base library has counted this request already.
        int line = executionCount.get() - 1;
        String output = "";
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        outputLimit.startCell();
        System.setOut(outputLimit.out());
        System.setErr(outputLimit.err());
        try {
            Object value = evalCell(cell);
            // A cell ending in System.out.printf(...) has the stream as its value: what it printed is shown already.
            DisplayData data = value == null || value instanceof PrintStream ? null : values.render(value);
            Object text = data == null ? null : data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
            output = text == null ? "" : text.toString();
            return data;
        } finally {
            outputLimit.endCell();
            System.setOut(stdout);
            System.setErr(stderr);
            if (request == null || request.shouldStoreHistory()) {
                history.record(line, cell, output);
            }
        }
    }

    /** Runs the cell's Java code and magics in order; the value is the last code part's value. */
    private Object evalCell(String cell) throws Exception {
        Object last = null;
        for (CellSource.Part part : CellSource.split(cell)) {
            if (part instanceof CellSource.Code code) {
                last = evaluator.eval(code.source());
            } else if (part instanceof CellSource.Magic magic) {
                last = runMagic(magic);
            } else if (part instanceof CellSource.CellMagic magic) {
                last = runCellMagic(magic);
            }
        }
        return last;
    }

    /** Runs a line magic; its value is the cell's value when it is the last part ({@code %time expr}). */
    private Object runMagic(CellSource.Magic magic) throws Exception {
        switch (magic.name()) {
            case "jars" -> classpathMagics.jars(magic.args());
            case "classpath" -> classpathMagics.classpath(magic.args());
            case "load" -> load(magic.args());
            case "maven", "addMavenDependencies", "addMavenDependency" -> mavenMagics.maven(magic.args());
            case "mavenRepo", "addMavenRepo" -> mavenMagics.mavenRepo(magic.args());
            case "time" -> {
                if (magic.rest().isBlank()) {
                    throw new MagicException("%time: nothing to time; expected %time <code> on one line, or %%time"
                            + " as the first line of a cell");
                }
                return CellTimer.time(() -> evalCell(magic.rest()), System.out);
            }
            default -> throw new MagicException("unknown magic %" + magic.name() + " in '" + magic.line()
                    + "'; this kernel knows " + KNOWN_MAGICS);
        }
        return null;
    }

    static final String KNOWN_MAGICS = "%jars, %classpath, %load, %maven (%addMavenDependencies), %mavenRepo, %time"
            + " and the cell magic %%time";

    private Object runCellMagic(CellSource.CellMagic magic) throws Exception {
        if (!magic.name().equals("time")) {
            throw new MagicException("unknown cell magic %%" + magic.name() + " in '" + magic.line()
                    + "'; this kernel knows %%time (line magics: " + KNOWN_MAGICS + ")");
        }
        if (!magic.args().isEmpty()) {
            throw new MagicException("%%time takes no arguments (got '" + String.join(" ", magic.args())
                    + "'); the code to time goes on the lines below it");
        }
        return CellTimer.time(() -> evalCell(magic.body()), System.out);
    }

    /**
     * {@code %load file.jsh}: runs the file's code (and magics) as if it were typed into the cell; {@code %load
     * notebook.ipynb} runs the notebook's code cells in order (as JJava does).
     */
    private void load(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new MagicException("%load: no argument; expected a file of Java snippets (.jsh) or a notebook (.ipynb)");
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
            if (file.getFileName().toString().endsWith(".ipynb")) {
                for (String cell : codeCells(file, source)) {
                    evalCell(cell);
                }
            } else {
                evalCell(source);
            }
        }
    }

    /** The code cells of a notebook file, in order. */
    @SuppressWarnings("deprecation") // gson 2.8.5 (the base kernel's) has no static JsonParser.parseString
    static List<String> codeCells(Path file, String json) throws MagicException {
        List<String> cells = new ArrayList<>();
        try {
            JsonElement notebook = new JsonParser().parse(json);
            JsonElement list = notebook.isJsonObject() ? notebook.getAsJsonObject().get("cells") : null;
            if (list == null || !list.isJsonArray()) {
                throw new MagicException("%load: " + file + " is not a readable notebook: it has no \"cells\" list");
            }
            JsonArray array = list.getAsJsonArray();
            for (JsonElement element : array) {
                JsonObject cell = element.getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                JsonElement source = cell.get("source");
                StringBuilder text = new StringBuilder();
                if (source.isJsonArray()) {
                    source.getAsJsonArray().forEach(l -> text.append(l.getAsString()));
                } else {
                    text.append(source.getAsString());
                }
                cells.add(text.toString());
            }
        } catch (JsonParseException | IllegalStateException | ClassCastException | NullPointerException e) {
            // a cell without cell_type or source, or with the wrong JSON types
            throw new MagicException("%load: " + file + " is not a readable notebook: " + e.getMessage(), e);
        }
        return cells;
    }

    /** Clears the running cell's output ({@code clear_output}); with {@code wait}, only when new output comes. */
    public void clearOutput(boolean wait) {
        ShellReplyEnvironment env = runningEnv;
        if (env == null) {
            throw new IllegalStateException("clearOutput() works while a cell runs");
        }
        System.out.flush();
        System.err.flush();
        env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    @Override
    public String isComplete(String code) {
        Completeness.Verdict verdict = Completeness.of(code, evaluator.shell().sourceCodeAnalysis());
        return switch (verdict.status()) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> verdict.indent();
        };
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
        Optional<String> text = Inspection.at(code, at, evaluator.shell());
        return text.map(DisplayData::new).orElse(null);
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
