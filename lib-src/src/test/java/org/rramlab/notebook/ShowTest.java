package org.rramlab.notebook;

import org.rramlab.plot.Charts;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowTest {

    /** Stands in for a running kernel: keeps what it was asked to display. */
    static final class FakeKernel extends BaseKernel {
        final List<DisplayData> shown = new ArrayList<>();

        @Override
        public DisplayData eval(String expr) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("java").build();
        }

        @Override
        public void display(DisplayData data) {
            shown.add(data);
        }
    }

    @Test
    void withoutAKernelShowPrintsText() {
        assertFalse(Show.inNotebook());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Show.TextTarget target = new Show.TextTarget(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        target.display(Charts.line("loss", "epoch", "loss", new double[]{1, 2}));
        target.display(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        target.display(new Show.Rich("plain", "<b>plain</b>", null));
        assertEquals("[XYChart 'loss', 1 series, 720x420]\n[image 3x2]\nplain\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals("a < b", Show.stripTags("<p>a &lt; b</p>"));
    }

    @Test
    void inAKernelChartsArePngAndTablesHtml() throws Exception {
        FakeKernel kernel = new FakeKernel();
        JupyterDisplay display = new JupyterDisplay(kernel);
        String id = display.display(Charts.bar("b", "x", "y", List.of("a", "b"), new double[]{1, 2}));
        display.display(Table.create("t", IntColumn.create("n", new int[]{1, 2, 3})));
        display.display(new Show.Rich("text", "<i>html</i>", null));
        assertEquals(3, kernel.shown.size());

        DisplayData chart = kernel.shown.get(0);
        assertEquals(id, chart.getDisplayId());
        String png = (String) chart.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());

        String html = (String) kernel.shown.get(1).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th") && html.contains(">3</td>"), html);
        assertNotNull(kernel.shown.get(1).getData(MIMEType.TEXT_PLAIN));
        assertEquals("<i>html</i>", kernel.shown.get(2).getData(MIMEType.TEXT_HTML));
    }

    @Test
    void theKernelsBundleShowsNothingForAPrintStreamAndTablesInTheHouseStyle() {
        assertTrue(Show.bundle(System.out).isEmpty(), "a cell ending in printf shows no java.io.PrintStream@...");
        assertEquals(null, Show.bundle("text"), "not ours to show: the kernel renders it");
        var t = tech.tablesaw.api.Table.create("lr (uS)", tech.tablesaw.api.DoubleColumn.create("lr", new double[] {0.08535533905932738}),
                tech.tablesaw.api.DoubleColumn.create("test acc", new double[] {0.8421}));
        var bundle = Show.bundle(t);
        assertTrue(bundle.get("text/html").contains("0.08536") && !bundle.get("text/html").contains("0.0853553"), bundle.get("text/html"));
        assertTrue(bundle.get("text/html").contains("84.2 %") && bundle.get("text/html").contains("lr (µS)"), bundle.get("text/html"));
        assertTrue(bundle.get("text/plain").contains("0.08536"));
    }
}
