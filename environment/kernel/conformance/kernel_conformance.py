#!/usr/bin/python3
"""The Jupyter kernel conformance suite (Debian's python3-jupyter-kernel-test) against the installed kernelspec.

Usage: /usr/bin/python3 environment/kernel/conformance/kernel_conformance.py [kernel-name]
The kernel name defaults to $RRAMLAB_KERNEL_NAME, then to the one install-kernel.sh recorded
(environment/kernel/target/kernel-name), else java. ./lab test runs it after the Maven tests.

Every check of jupyter_kernel_test that applies to Java is given samples and must pass. The one that does not apply
is skipped with its reason:
  test_pager  IPython's pager ("?obj" answered with a "page" payload) has no counterpart in Java, IJava or JJava:
              this kernel, like them, sends no payloads; documentation comes through inspect_request (Shift-Tab).
Ends with the line "conformance: N passed, N failed, N not applicable".
"""
import os
import sys
import unittest

import jupyter_kernel_test

HERE = os.path.dirname(os.path.abspath(__file__))


def kernel_name():
    if len(sys.argv) > 1:
        return sys.argv.pop(1)
    if os.environ.get("RRAMLAB_KERNEL_NAME"):
        return os.environ["RRAMLAB_KERNEL_NAME"]
    recorded = os.path.join(HERE, "..", "target", "kernel-name")
    if os.path.exists(recorded):
        return open(recorded).read().strip()
    return "java"


# A cold JVM with JShell's first compile is slower than the suite's 15 s default on a loaded 2-core machine.
jupyter_kernel_test.TIMEOUT = 60

NOT_APPLICABLE = {
    "test_pager": "IPython's pager ('?obj' answered with a 'page' payload) has no counterpart in Java, IJava or JJava;"
                  " documentation comes through inspect_request (Shift-Tab)",
}


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_name()
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "Math.abs"},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {}", "%jars lib/", "%%time\nThread.sleep(1);"]
    incomplete_code_samples = ["int f() {", "for (int i = 0; i < 3; i++)", 'String s = "a" +', "%%time"]
    invalid_code_samples = ["int x = ;", ")", '"unclosed']
    code_generate_error = 'throw new IllegalStateException("conformance");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"java" + 17', "result": "java17"},
        {"code": "new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
    ]
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = 'System.out.println("gone soon"); clearOutput();'

    @unittest.skip(NOT_APPLICABLE["test_pager"])
    def test_pager(self):
        pass


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(JavaKernelConformance)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    print("kernel '%s': %d checks; not applicable: %s" % (
        JavaKernelConformance.kernel_name, result.testsRun,
        "; ".join("%s (%s)" % (name, why) for name, why in NOT_APPLICABLE.items())))
    print("conformance: %d passed, %d failed, %d not applicable" % (result.testsRun - failed - skipped, failed, skipped))
    sys.exit(0 if result.wasSuccessful() and skipped == len(NOT_APPLICABLE) else 1)
