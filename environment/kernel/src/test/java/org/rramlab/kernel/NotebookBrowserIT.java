package org.rramlab.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * notebooks/00-tour.ipynb the way a person runs it: {@code ./lab --no-browser --ip 127.0.0.1 --port N} (with a
 * token) starts Jupyter, headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) opens the
 * notebook, Cell ▸ Run All runs it, and every code cell must end with an execution count, no error output, and
 * the images and tables the tour shows. Run by {@code mvn verify -Pbrowser-test} ({@code ./lab test} does).
 *
 * <p>The notebook runs in the {@code ci} profile ({@code RRAMLAB_PROFILE=ci} in Jupyter's environment reaches the
 * kernel). Autosave is switched off on the page and the file is compared before and after, so the repository's
 * notebook stays without outputs.
 */
class NotebookBrowserIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path NOTEBOOK = ROOT.resolve("notebooks/00-tour.ipynb");
    private static final Path OUT = Path.of("target", "browser-test").toAbsolutePath();
    private static final String CHROMIUM = System.getProperty("rramlab.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("rramlab.chromedriver", "/usr/bin/chromedriver");

    private Process jupyter;
    private WebDriver browser;
    private Path profile;
    private byte[] notebookBefore;

    @BeforeEach
    void checkTools() throws IOException {
        assertTrue(Files.isRegularFile(ROOT.resolve("lab")), "run from environment/kernel: no ./lab in " + ROOT);
        for (String tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " is missing: the browser test needs Debian's chromium and chromium-driver"
                        + " (./lab test installs them; or apt-get install chromium chromium-driver)");
            }
        }
        Files.createDirectories(OUT);
        notebookBefore = Files.readAllBytes(NOTEBOOK);
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (jupyter != null) {
                stop(jupyter);
            }
            deleteTree(profile);
            byte[] after = Files.readAllBytes(NOTEBOOK);
            if (!Arrays.equals(notebookBefore, after)) {
                Files.write(NOTEBOOK, notebookBefore); // never leave outputs in the repository's notebook
                fail(NOTEBOOK + " was changed by the run (restored): autosave must be off");
            }
        }
    }

    @Test
    void tourRunsInTheBrowserWithImagesTablesAndNoErrors() throws Exception {
        long t0 = System.nanoTime();
        int port = freePort();
        String token = UUID.randomUUID().toString().replace("-", "");
        Path log = OUT.resolve("jupyter.log");
        // Exactly the command a user on a remote machine types, plus the token.
        ProcessBuilder lab = new ProcessBuilder(ROOT.resolve("lab").toString(), "--no-browser", "--ip", "127.0.0.1",
                "--port", String.valueOf(port), "--NotebookApp.token=" + token)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        lab.environment().put("RRAMLAB_PROFILE", "ci");
        jupyter = lab.start();
        String base = "http://127.0.0.1:" + port;
        awaitServer(base + "/api/status?token=" + token, log, Duration.ofMinutes(4));
        long serverUp = System.nanoTime();
        assertTrue(Files.readString(log).contains("running Jupyter as root") || !isRoot(),
                "as root, ./lab warns that it adds --allow-root");

        browser = chromium();
        browser.get(base + "/notebooks/" + NOTEBOOK.getFileName() + "?token=" + token);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(2));
        wait.until(d -> Boolean.TRUE.equals(js("return !!(window.Jupyter && Jupyter.notebook"
                + " && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())")));
        // A harness setting, not part of the run: the repository's notebook must not get outputs saved into it.
        js("Jupyter.notebook.set_autosave_interval(0);");
        awaitIdle(wait);
        assertEquals("Java (rramlab)", browser.findElement(By.cssSelector(".kernel_indicator_name")).getText());

        List<String> sources = codeCellSources();
        List<WebElement> cells = browser.findElements(By.cssSelector("div.cell.code_cell"));
        assertEquals(sources.size(), cells.size(), "every code cell of the notebook is on the page");

        // Cell ▸ Run All, through the menu.
        browser.findElement(By.id("celllink")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("run_all_cells")).isDisplayed());
        browser.findElement(By.cssSelector("#run_all_cells > a")).click();
        long runStart = System.nanoTime();
        new WebDriverWait(browser, Duration.ofMinutes(5)).until(d -> allCellsRan() && isIdle());
        long runEnd = System.nanoTime();
        screenshot("00-tour-after-run-all.png");
        Files.writeString(OUT.resolve("00-tour-after-run-all.html"), browser.getPageSource());

        List<String> problems = new ArrayList<>();
        int images = 0;
        int tables = 0;
        cells = browser.findElements(By.cssSelector("div.cell.code_cell"));
        for (int i = 0; i < cells.size(); i++) {
            WebElement cell = cells.get(i);
            String source = sources.get(i);
            String name = "code cell " + (i + 1) + " (" + source.lines().findFirst().orElse("") + ")";
            String prompt = cell.findElement(By.cssSelector(".input_prompt")).getText();
            if (!prompt.matches("In\\s*\\[\\d+\\]:")) {
                problems.add(name + ": prompt '" + prompt + "', not run");
            }
            for (WebElement error : cell.findElements(By.cssSelector(".output_error, .output_stderr"))) {
                problems.add(name + " shows " + (error.getAttribute("class").contains("output_error") ? "an error"
                        : "stderr") + ": " + error.getText().lines().limit(5).toList());
            }
            List<WebElement> pngs = cell.findElements(By.cssSelector(".output_png img"));
            for (WebElement png : pngs) {
                long width = ((Number) js("return arguments[0].naturalWidth", png)).longValue();
                if (!png.getAttribute("src").startsWith("data:image/png;base64,") || width < 50) {
                    problems.add(name + ": an image that did not render (width " + width + ")");
                }
            }
            List<WebElement> htmlTables = cell.findElements(By.cssSelector(".output_html table"));
            boolean wantsImage = source.contains("Charts.") || source.contains("Images.grid");
            boolean wantsTable = source.contains("Tables.");
            if (wantsImage && pngs.isEmpty()) {
                problems.add(name + ": no image shown");
            }
            if (wantsTable && htmlTables.isEmpty()) {
                problems.add(name + ": no table shown");
            }
            images += pngs.size();
            tables += htmlTables.size();
        }
        assertEquals(List.of(), problems, "see " + OUT);
        assertEquals(3, images, "the class-count chart and the two image grids");
        assertEquals(3, tables, "parameters, class counts, most alike pairs");

        String page = browser.findElement(By.id("notebook-container")).getText();
        assertTrue(page.contains("tour parameters") && page.contains("ci"), "the parameters table, ci profile");
        assertTrue(page.contains("Fashion-MNIST images per class") && page.contains("Ankle boot"), "class counts");
        assertTrue(page.contains("the three most alike pairs of class means"), "the pairs table");
        assertTrue(page.matches("(?s).*from the folder \\S+: 60,000 training and 10,000 test images, 28 × 28 pixels.*"),
                "the data cell's line");
        assertTrue(page.contains("averaged the first 2,000 training images"), "the progress bar's last state");

        System.out.printf("browser test: Jupyter up in %.1f s (./lab set-up included), Run All took %.1f s,"
                        + " %d code cells, %d images, %d tables, total %.1f s%n",
                (serverUp - t0) / 1e9, (runEnd - runStart) / 1e9, cells.size(), images, tables,
                (System.nanoTime() - t0) / 1e9);
    }

    private WebDriver chromium() {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // no CDP-version chatter
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Root in a container needs --no-sandbox; the closed network refuses Chromium's background connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + freshProfile());
        // chromedriver's port is found by Selenium; Selenium Manager is not needed with both paths given.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(OUT.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private String freshProfile() {
        try {
            profile = Files.createTempDirectory(OUT, "chromium-profile-");
            return profile.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private boolean isIdle() {
        return browser.findElement(By.id("kernel_indicator_icon")).getAttribute("class").contains("kernel_idle_icon");
    }

    private void awaitIdle(WebDriverWait wait) {
        wait.until(d -> isIdle());
    }

    private boolean allCellsRan() {
        for (WebElement prompt : browser.findElements(By.cssSelector("div.cell.code_cell .input_prompt"))) {
            if (!prompt.getText().matches("In\\s*\\[\\d+\\]:")) {
                return false;
            }
        }
        return true;
    }

    private void screenshot(String name) throws IOException {
        Files.write(OUT.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The code cells' sources, from the notebook file (to know which cell should show what). */
    @SuppressWarnings("deprecation") // gson 2.8.5 has no static JsonParser.parseString
    private static List<String> codeCellSources() throws IOException {
        JsonObject notebook = new JsonParser().parse(Files.readString(NOTEBOOK)).getAsJsonObject();
        List<String> sources = new ArrayList<>();
        for (JsonElement cell : notebook.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if ("code".equals(c.get("cell_type").getAsString())) {
                StringBuilder text = new StringBuilder();
                c.getAsJsonArray("source").forEach(l -> text.append(l.getAsString()));
                sources.add(text.toString());
            }
        }
        return sources;
    }

    private void awaitServer(String url, Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jupyter.isAlive()) {
                fail("./lab exited (" + jupyter.exitValue() + ") before Jupyter answered:\n" + tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("Jupyter did not answer on " + url + " within " + timeout + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM (Jupyter then shuts its kernels down), then what is left of the process tree. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
