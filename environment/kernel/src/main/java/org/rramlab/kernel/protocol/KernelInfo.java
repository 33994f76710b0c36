package org.rramlab.kernel.protocol;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * {@code kernel_info_reply} as the message schema has it. The base library's reply leaves out {@code status}
 * (required since protocol 5.1, and checked by front ends and the conformance suite) and reports the base library
 * itself as the implementation; this one says {@code status: ok}, names rramlab's kernel and its version, and says
 * it has no debugger.
 */
public final class KernelInfo extends KernelInfoReply {
    /** The implementation name front ends show, e.g. in {@code jupyter kernelspec} and Lab's kernel dialog. */
    public static final String IMPLEMENTATION = "rramlab";

    // Gson serialises these next to the superclass's fields.
    private final String status = "ok";
    private final boolean debugger = false;

    public KernelInfo(LanguageInfo language, String banner, List<LanguageInfo.Help> helpLinks) {
        super(Header.PROTOCOL_VERISON, IMPLEMENTATION, version(), language, banner, helpLinks);
    }

    public String status() {
        return status;
    }

    public boolean debugger() {
        return debugger;
    }

    /** The kernel's Maven version, written into {@code kernel.properties} at build time. */
    public static String version() {
        try (InputStream in = KernelInfo.class.getResourceAsStream("/org/rramlab/kernel/kernel.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/rramlab/kernel/kernel.properties is missing from the kernel's"
                        + " class path; rebuild the kernel with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's kernel.properties", e);
        }
    }
}
