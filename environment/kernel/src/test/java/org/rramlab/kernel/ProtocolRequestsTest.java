package org.rramlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requests besides execute, over the real wire protocol: kernel_info, is_complete, inspect and history, each
 * checked against what the messaging specification says its reply holds.
 */
class ProtocolRequestsTest extends KernelSession {

    @Test
    void kernelInfoReplyHasEveryRequiredField() {
        JsonObject reply = kernel.request("kernel_info_request", new JsonObject());
        JsonObject content = reply.getAsJsonObject("content");
        assertEquals("ok", content.get("status").getAsString(), content.toString());
        assertEquals("5.3", content.get("protocol_version").getAsString());
        assertEquals("rramlab", content.get("implementation").getAsString());
        assertTrue(content.get("implementation_version").getAsString().matches("\\d+\\.\\d+\\.\\d+.*"), content.toString());
        assertFalse(content.get("debugger").getAsBoolean());
        assertTrue(content.get("banner").getAsString().contains("rramlab kernel"));
        JsonObject language = content.getAsJsonObject("language_info");
        assertEquals("java", language.get("name").getAsString());
        assertEquals(Runtime.version().toString(), language.get("version").getAsString());
        assertEquals("text/x-java-source", language.get("mimetype").getAsString());
        assertEquals(".jshell", language.get("file_extension").getAsString());
        assertTrue(content.getAsJsonArray("help_links").size() >= 1);
        assertEquals("kernel_info_reply", reply.getAsJsonObject("header").get("msg_type").getAsString());
    }

    @Test
    void isCompleteTellsFinishedFromOpenFromInvalidInput() {
        for (String code : List.of("1 + 1", "int x = 1;", "int y = 2", "void f() {}", "import java.util.*",
                "%jars lib/", "int z = 3;\n%time z + 1", "%%time\nThread.sleep(1);", "int 3x = 1;", "")) {
            assertEquals("complete", status(code), "for " + code);
        }
        assertIncomplete("int f() {", "    ");
        assertIncomplete("class A {\n    void m() {", "        ");
        assertIncomplete("for (int i = 0; i < 3; i++)", "    ");
        assertIncomplete("  String s = \"a\" +", "      ");
        assertIncomplete("Math.max(1,", "    ");
        assertIncomplete("/* a comment", "");
        assertIncomplete("String block = \"\"\"\n    text", "    ");
        assertIncomplete("%%time", "");
        for (String code : List.of("int x = ;", ")", "}", "\"unclosed", "int r = 1;\n%%time\nr",
                "int f() {\n%jars lib/\n}")) {
            assertEquals("invalid", status(code), "for " + code.replace("\n", "\\n"));
        }
    }

    private void assertIncomplete(String code, String indent) {
        JsonObject reply = kernel.isComplete(code);
        assertEquals("incomplete", reply.get("status").getAsString(), "for " + code.replace("\n", "\\n"));
        assertEquals(indent, reply.get("indent").getAsString(), "indent for " + code.replace("\n", "\\n"));
    }

    private String status(String code) {
        return kernel.isComplete(code).get("status").getAsString();
    }

    @Test
    void inspectShowsJavadocStyleSignatures() {
        JsonObject max = kernel.inspect("Math.max", 8);
        assertEquals("ok", max.get("status").getAsString());
        assertTrue(max.get("found").getAsBoolean());
        String text = max.getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains("int Math.max(int a, int b)") && text.contains("double Math.max(double a, double b)"),
                text);
        // The cursor on the name, and inside the argument list.
        assertTrue(plain(kernel.inspect("Math.max(1, 2)", 6)).contains("long Math.max(long a, long b)"));
        assertTrue(plain(kernel.inspect("\"abc\".substring(1)", 16))
                .contains("String String.substring(int beginIndex)"));
        assertTrue(plain(kernel.inspect("new java.util.ArrayList", 24)).contains("java.util.ArrayList<E>(int initialCapacity)"));
        assertTrue(plain(kernel.inspect("String", 3)).contains("java.lang.String"));
    }

    @Test
    void inspectShowsASessionVariableWithItsValue() {
        kernel.execute("int answer = 42;");
        assertEquals("int answer = 42", plain(kernel.inspect("answer + 1", 6)));
    }

    @Test
    void inspectOfNothingKnownIsNotFound() {
        JsonObject reply = kernel.inspect("noSuchThing", 5);
        assertEquals("ok", reply.get("status").getAsString());
        assertFalse(reply.get("found").getAsBoolean());
        assertEquals(0, reply.getAsJsonObject("data").size());
    }

    private static String plain(JsonObject inspectReply) {
        assertTrue(inspectReply.get("found").getAsBoolean(), inspectReply.toString());
        return inspectReply.getAsJsonObject("data").get("text/plain").getAsString();
    }

    @Test
    void historyAnswersTailRangeAndSearch() {
        int first = kernel.execute("int h1 = 6 * 7;\nh1").reply().get("execution_count").getAsInt();
        kernel.execute("String h2 = \"history\";");
        kernel.execute("\"not stored\"", Duration.ofSeconds(30), false);
        kernel.execute("h1 + 1");

        JsonArray tail = history(tail(2, true));
        assertEquals(2, tail.size(), tail.toString());
        JsonArray last = tail.get(1).getAsJsonArray();
        assertEquals(1, last.get(0).getAsInt(), "session");
        assertEquals("h1 + 1", last.get(2).getAsJsonArray().get(0).getAsString());
        assertEquals("43", last.get(2).getAsJsonArray().get(1).getAsString(), "output of h1 + 1");
        assertEquals("String h2 = \"history\";", tail.get(0).getAsJsonArray().get(2).getAsJsonArray().get(0).getAsString());
        assertEquals("", tail.get(0).getAsJsonArray().get(2).getAsJsonArray().get(1).getAsString(), "no result");

        JsonObject range = request("range", false);
        range.addProperty("session", 1);
        range.addProperty("start", first);
        range.addProperty("stop", first + 1);
        JsonArray one = history(range);
        assertEquals(1, one.size(), one.toString());
        assertEquals(first, one.get(0).getAsJsonArray().get(1).getAsInt());
        assertEquals("int h1 = 6 * 7;\nh1", one.get(0).getAsJsonArray().get(2).getAsString());
        range.addProperty("session", -1);
        assertEquals(0, history(range).size(), "no earlier session");

        JsonObject search = request("search", false);
        search.addProperty("pattern", "h1*");
        search.addProperty("n", 10);
        search.addProperty("unique", false);
        JsonArray found = history(search);
        assertEquals(1, found.size(), found.toString());
        assertEquals("h1 + 1", found.get(0).getAsJsonArray().get(2).getAsString());
        search.addProperty("pattern", "*h2*");
        assertEquals(1, history(search).size());
        search.addProperty("pattern", "*not stored*");
        assertEquals(0, history(search).size(), "store_history false is not recorded");
    }

    @Test
    void historySearchUniqueKeepsTheLatestRunOfEachSource() {
        for (int i = 0; i < 3; i++) {
            kernel.execute("int repeated = 5;");
        }
        JsonObject search = request("search", false);
        search.addProperty("pattern", "int repeated*");
        search.addProperty("unique", false);
        assertEquals(3, history(search).size());
        search.addProperty("unique", true);
        JsonArray unique = history(search);
        assertEquals(1, unique.size());
        search.addProperty("unique", false);
        search.addProperty("n", 2);
        assertEquals(2, history(search).size());
    }

    private JsonObject tail(int n, boolean output) {
        JsonObject request = request("tail", output);
        request.addProperty("n", n);
        return request;
    }

    private static JsonObject request(String type, boolean output) {
        JsonObject request = new JsonObject();
        request.addProperty("output", output);
        request.addProperty("raw", true);
        request.addProperty("hist_access_type", type);
        return request;
    }

    private JsonArray history(JsonObject request) {
        JsonObject content = kernel.request("history_request", request).getAsJsonObject("content");
        assertEquals("ok", content.get("status").getAsString(), content.toString());
        JsonArray history = content.getAsJsonArray("history");
        for (int i = 0; i < history.size(); i++) {
            assertEquals(3, history.get(i).getAsJsonArray().size(), "[session, line, input] triples");
        }
        return history;
    }
}
