package org.rramlab.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal Jupyter client for the tests: starts the kernel as a subprocess with a fresh connection file and speaks
 * the wire protocol (ZeroMQ, HMAC-SHA256 signed multipart messages) on the shell, control and iopub channels.
 */
final class KernelClient implements AutoCloseable {
    private static final String DELIMITER = "<IDS|MSG>";
    @SuppressWarnings("deprecation") // gson 2.8.5 (from the base kernel) has no static parseString
    private static final JsonParser PARSER = new JsonParser();

    private final Process process;
    private final Path workDir;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Mac mac;
    private final String session = UUID.randomUUID().toString();
    private final Gson gson = new Gson();

    /** One finished execute_request: its reply and the iopub messages it caused, in order. */
    record Execution(JsonObject reply, List<JsonObject> messages) {
        String status() {
            return reply.get("status").getAsString();
        }

        List<JsonObject> ofType(String type) {
            return messages.stream().filter(m -> type.equals(m.getAsJsonObject("header").get("msg_type").getAsString()))
                    .toList();
        }

        String stream(String name) {
            StringBuilder text = new StringBuilder();
            for (JsonObject m : ofType("stream")) {
                JsonObject c = m.getAsJsonObject("content");
                if (name.equals(c.get("name").getAsString())) {
                    text.append(c.get("text").getAsString());
                }
            }
            return text.toString();
        }

        /** The execute_result's data for a MIME type, or null. */
        String result(String mime) {
            List<JsonObject> results = ofType("execute_result");
            if (results.isEmpty()) {
                return null;
            }
            JsonObject data = results.get(0).getAsJsonObject("content").getAsJsonObject("data");
            return data.has(mime) ? data.get(mime).getAsString() : null;
        }

        JsonObject error() {
            List<JsonObject> errors = ofType("error");
            return errors.isEmpty() ? null : errors.get(0).getAsJsonObject("content");
        }

        String traceback() {
            JsonObject e = error();
            if (e == null) {
                return "";
            }
            List<String> lines = new ArrayList<>();
            e.getAsJsonArray("traceback").forEach(l -> lines.add(l.getAsString()));
            return String.join("\n", lines);
        }
    }

    KernelClient(Path workDir) throws Exception {
        this(workDir, List.of());
    }

    /** Starts the kernel from the test class path, with {@code jvmArgs} before the main class. */
    KernelClient(Path workDir, List<String> jvmArgs) throws Exception {
        this(workDir, jvmArgs, null);
    }

    /**
     * Starts the kernel with {@code jvmArgs}; from {@code jar} ({@code java -jar}, as the kernelspec does) when it
     * is given, else from the test class path.
     */
    KernelClient(Path workDir, List<String> jvmArgs, Path jar) throws Exception {
        this.workDir = workDir;
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        JsonObject connection = new JsonObject();
        connection.addProperty("transport", "tcp");
        connection.addProperty("ip", "127.0.0.1");
        connection.addProperty("shell_port", ports[0]);
        connection.addProperty("control_port", ports[1]);
        connection.addProperty("iopub_port", ports[2]);
        connection.addProperty("stdin_port", ports[3]);
        connection.addProperty("hb_port", ports[4]);
        connection.addProperty("signature_scheme", "hmac-sha256");
        connection.addProperty("key", key);
        Path file = workDir.resolve("connection.json");
        Files.writeString(file, gson.toJson(connection));

        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(jvmArgs);
        if (jar == null) {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RramlabKernel.class.getName()));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("kernel.log").toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        process = builder.start();

        shell = connect(SocketType.DEALER, ports[0]);
        control = connect(SocketType.DEALER, ports[1]);
        iopub = connect(SocketType.SUB, ports[2]);
        iopub.subscribe(ZMQ.SUBSCRIPTION_ALL);
        awaitReady(Duration.ofSeconds(30));
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    /** kernel_info until both the reply and an iopub status arrive (iopub drops messages before it is joined). */
    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("kernel exited early: " + Files.readString(workDir.resolve("kernel.log")));
            }
            String id = send(shell, "kernel_info_request", new JsonObject());
            JsonObject reply = receive(shell, 1000);
            if (reply == null) {
                continue;
            }
            JsonObject status;
            while ((status = receive(iopub, 300)) != null) {
                if (id.equals(parentId(status))) {
                    drain(300);
                    return;
                }
            }
        }
        throw new IOException("kernel did not answer within " + timeout);
    }

    Execution execute(String code) {
        return execute(code, Duration.ofSeconds(30));
    }

    Execution execute(String code, Duration timeout) {
        return execute(code, timeout, true);
    }

    Execution execute(String code, Duration timeout, boolean storeHistory) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", storeHistory);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        String id = send(shell, "execute_request", content);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonObject> messages = new ArrayList<>();
        JsonObject reply = null;
        boolean idle = false;
        while (!(idle && reply != null)) {
            int left = (int) ((deadline - System.nanoTime()) / 1_000_000);
            if (left <= 0) {
                throw new AssertionError("no answer to " + code + " within " + timeout + "; got " + messages);
            }
            if (reply == null) {
                JsonObject r = receive(shell, 10);
                if (r != null && id.equals(parentId(r))) {
                    reply = r.getAsJsonObject("content");
                }
            }
            JsonObject m = receive(iopub, Math.min(left, 50));
            if (m != null && id.equals(parentId(m))) {
                String type = m.getAsJsonObject("header").get("msg_type").getAsString();
                if ("status".equals(type)) {
                    idle |= "idle".equals(m.getAsJsonObject("content").get("execution_state").getAsString());
                } else {
                    messages.add(m);
                }
            }
        }
        return new Execution(reply, messages);
    }

    /** Sends interrupt_request on the control channel, as Jupyter does with interrupt_mode "message". */
    JsonObject interrupt() {
        String id = send(control, "interrupt_request", new JsonObject());
        for (int i = 0; i < 100; i++) {
            JsonObject reply = receive(control, 100);
            if (reply != null && id.equals(parentId(reply))) {
                return reply.getAsJsonObject("content");
            }
        }
        throw new AssertionError("no interrupt_reply");
    }

    /**
     * Runs {@code code} while interrupting every half second until it ends: a single early interrupt could land
     * before the cell starts on a loaded machine. The interrupter is joined before anything else runs, so no
     * interrupt can reach the next cell.
     */
    Execution executeInterrupting(String code) throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            try {
                while (!done.get()) {
                    Thread.sleep(500);
                    if (!done.get()) {
                        interrupt();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        try {
            return execute(code);
        } finally {
            done.set(true);
            interrupter.join();
        }
    }

    JsonObject complete(String code, int cursor) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("cursor_pos", cursor);
        return request("complete_request", content).getAsJsonObject("content");
    }

    /** Sends a shell request and returns the whole reply message (header, content...), checking its type. */
    JsonObject request(String type, JsonObject content) {
        String id = send(shell, type, content);
        String replyType = type.replace("_request", "_reply");
        for (int i = 0; i < 300; i++) {
            JsonObject reply = receive(shell, 100);
            if (reply != null && id.equals(parentId(reply))) {
                drain(100);
                String got = reply.getAsJsonObject("header").get("msg_type").getAsString();
                if (!replyType.equals(got)) {
                    throw new AssertionError("expected a " + replyType + ", got a " + got + ": " + reply);
                }
                return reply;
            }
        }
        throw new AssertionError("no " + replyType + " within 30 s");
    }

    JsonObject isComplete(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return request("is_complete_request", content).getAsJsonObject("content");
    }

    JsonObject inspect(String code, int cursor) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("cursor_pos", cursor);
        content.addProperty("detail_level", 0);
        return request("inspect_request", content).getAsJsonObject("content");
    }

    private void drain(int millis) {
        while (receive(iopub, millis) != null) {
            // status messages of requests already answered
        }
    }

    private synchronized String send(ZMQ.Socket socket, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("username", "test");
        header.addProperty("session", session);
        header.addProperty("date", java.time.OffsetDateTime.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        String[] parts = {gson.toJson(header), "{}", "{}", gson.toJson(content)};
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(parts));
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
        return id;
    }

    /** One message as {header, parent_header, metadata, content}, its signature checked; null on timeout. */
    private JsonObject receive(ZMQ.Socket socket, int timeoutMillis) {
        socket.setReceiveTimeOut(timeoutMillis);
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<String> frames = new ArrayList<>();
        frames.add(new String(first, StandardCharsets.UTF_8));
        while (socket.hasReceiveMore()) {
            frames.add(socket.recvStr());
        }
        int d = frames.indexOf(DELIMITER);
        String[] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        if (!sign(parts).equals(frames.get(d + 1))) {
            throw new AssertionError("bad HMAC signature on " + parts[0]);
        }
        JsonObject message = new JsonObject();
        message.add("header", PARSER.parse(parts[0]));
        message.add("parent_header", PARSER.parse(parts[1]));
        message.add("metadata", PARSER.parse(parts[2]));
        message.add("content", PARSER.parse(parts[3]));
        return message;
    }

    private static String parentId(JsonObject message) {
        JsonObject parent = message.getAsJsonObject("parent_header");
        return parent != null && parent.has("msg_id") ? parent.get("msg_id").getAsString() : null;
    }

    private synchronized String sign(String[] parts) {
        for (String part : parts) {
            mac.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    @Override
    public void close() {
        try {
            send(control, "shutdown_request", jsonOf("restart", false));
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
            context.close();
        }
    }

    private static JsonObject jsonOf(String key, boolean value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    static List<String> strings(JsonArray array) {
        List<String> list = new ArrayList<>();
        array.forEach(e -> list.add(e.getAsString()));
        return list;
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
