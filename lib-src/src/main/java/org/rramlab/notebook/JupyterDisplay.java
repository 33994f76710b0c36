package org.rramlab.notebook;

import org.rramlab.plot.Images;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.awt.image.RenderedImage;
import java.util.UUID;

/**
 * Shows display data through a running base kernel (ours or IJava). Only loaded after {@link KernelBridge} found
 * a kernel, so headless runs never need the base-kernel classes. Charts and tables are converted here (not left
 * to the kernel) so that they also render in a plain IJava install.
 */
final class JupyterDisplay implements Show.Target {
    private final BaseKernel kernel;

    JupyterDisplay(Object kernel) {
        this.kernel = (BaseKernel) kernel;
    }

    @Override
    public String display(Object value) {
        DisplayData data = new DisplayData(render(value));
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        return id;
    }

    @Override
    public void update(String id, Object value) {
        kernel.getIO().display.updateDisplay(id, render(value));
    }

    private DisplayData render(Object value) {
        if (value instanceof Show.Rich rich) {
            DisplayData data = new DisplayData(rich.text());
            if (rich.html() != null) {
                data.putHTML(rich.html());
            }
            if (rich.markdown() != null) {
                data.putMarkdown(rich.markdown());
            }
            return data;
        }
        Object shown = Show.adapt(value);
        if (shown instanceof Show.Rich rich) {
            return render(rich);
        }
        if (shown instanceof RenderedImage image) {
            // Built here rather than by the kernel's renderer: not every IJava install registers images.
            DisplayData data = new DisplayData(Show.describe(image));
            data.putData("image/png", Images.toPngBase64(image));
            return data;
        }
        return kernel.getRenderer().render(shown);
    }
}
