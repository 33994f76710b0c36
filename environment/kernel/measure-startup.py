#!/usr/bin/python3
"""Start-to-first-result of the installed Java kernel: kernel process start -> `1+1` answered.

Usage: /usr/bin/python3 environment/kernel/measure-startup.py [kernel-name] [runs]
The kernel name defaults to the one install-kernel.sh recorded (environment/kernel/target/kernel-name), else java.
"""
import os
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

here = os.path.dirname(os.path.abspath(__file__))
name_file = os.path.join(here, "target", "kernel-name")
default_name = open(name_file).read().strip() if os.path.exists(name_file) else "java"
name = sys.argv[1] if len(sys.argv) > 1 else default_name
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5

times = []
for _ in range(runs):
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=name)
    reply = kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
    elapsed = time.perf_counter() - t0
    assert reply["content"]["status"] == "ok", reply
    times.append(elapsed)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print("kernel '%s', %d runs: start -> 1+1 answered: median %.2f s, min %.2f s, max %.2f s"
      % (name, runs, statistics.median(times), min(times), max(times)))
