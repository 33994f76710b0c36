#!/usr/bin/env python3
"""Same-run comparison of rramlab with PyTorch on the paper's four workloads (issue 15) and ResNet-20 (issue 20): ./lab bench --vs-pytorch.

For each round and each network, runs OUR epoch / step (org.rramlab.bench.VsPytorchBenchmark, one JVM) and the
independently written PyTorch twin (benchmarks/pytorch/edgepopup_bench.py, one /usr/bin/python3 process) one after
the other, alternating which goes first, each in its own process, so that CPU seconds and peak resident memory are
per side. Prints per network both medians, the ratio ours / PyTorch (and every round's ratio), the CPU seconds of the
timed part (user + system) and the system share, whole-process CPU and peak RSS (from wait4's rusage), test accuracy
as a sanity check, the masked-weight counts of both sides, the minor page faults of the timed part (fresh pages the
kernel had to map and zero), the C allocator each side loaded, and the load average. Standard library only.

Our JVM runs with the allocator ./lab gives every Java process it starts (RRAMLAB_JAVA_ENV, set by ./lab from
environment/setup/common.sh: jemalloc keeping freed pages, where installed); the twin runs as PyTorch users run it,
on glibc's malloc, unless --twin-allocator same gives it ours too (to see how much of a ratio is the allocator).

Usage: vs_pytorch.py [--rounds N] [--smoke] [--unet-steps S] [--unet-warmup W] [--java-heap 2g] [--twin-allocator glibc|same]
                     [cnn] [mlp] [crnn] [unet] [resnet20]
(lab sets up Java, Maven, the build and PyTorch first; run it through ./lab bench --vs-pytorch).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NETWORKS = ["cnn", "mlp", "crnn", "unet", "resnet20"]
TORCH_SCRIPT = os.path.join(ROOT, "benchmarks", "pytorch", "edgepopup_bench.py")
TORCH_PYTHON = "/usr/bin/python3"
EXPECTED_WEIGHTS = {"cnn": 62_272, "mlp": 668_672, "crnn": 68_480, "unet": 4_313_440, "resnet20": 270_608}
# targets of issues 15 and 20 (resnet20), ratio ours / PyTorch in the same run
TARGETS = {"cnn": 0.5, "mlp": 0.5, "crnn": 0.4, "unet": 1.0, "resnet20": 0.7}
TITLES = {
    "cnn": "paper CNN, Fashion-MNIST epoch (60k + 10k, batch 60, 4-bit, keep 0.5)",
    "mlp": "edge-popup MLP 784-512-512-10, Fashion-MNIST epoch (batch 128, float activations)",
    "crnn": "spoken-digit CRNN epoch (2,100 + 900, batch 30, 3-bit min-max)",
    "unet": "paper U-Net training step (base 32, batch 64, 48x48, 6-bit)",
    "resnet20": "ResNet-20 of resnet20-fashion (width 16), epoch of the first 6,000 + 1,000 Fashion-MNIST images padded to 32x32 (batch 60, 4-bit)",
}
# how the two sides differ, printed with the results (and documented in docs/performance.md)
DIFFERENCES = {
    "all": [
        "both sides: edge-popup on software signed-constant weights (+-2/sqrt(fan_in)), keep 0.5, no flip limit, no read "
        "noise, same shapes, batches, quantisers and optimisers; different random draws (weights, scores, shuffling), so "
        "accuracies differ a little",
        "rramlab also counts every mask flip (its programming ledger); PyTorch keeps exactly k edges by torch.topk, rramlab "
        "by a |score| threshold (the same k unless scores tie)",
        "PyTorch caches the mask while testing (scores unchanged), as rramlab does",
    ],
    "crnn": ["min-max quantisers on both sides (rramlab's paper preset uses quantile levels: SpokenDigitsBenchmark)"],
    "resnet20": ["both sides train on the same 6,000-image subset and test on the first 1,000 test images (a whole epoch "
                 "would take ~10 min on rramlab's side on two cores); no validation hold-out and no batch-norm re-estimation, on neither "
                 "side (the preset uses both in its long runs)"],
    "unet": ["synthetic input on both sides; software weights (UNetBenchmark uses device weights: same step work, "
             "slower build)"],
}


def loadavg():
    return " ".join("%.2f" % v for v in os.getloadavg())


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def cpu_counters():
    """(steal, busy, total) jiffies (1/100 s) of all CPUs from /proc/stat: steal = time the hypervisor gave to other
    machines, busy = neither idle nor waiting for I/O (every process on this kernel, other users' included)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:9]]
        return fields[7], sum(fields) - fields[3] - fields[4], sum(fields)
    except (OSError, ValueError, IndexError):
        return 0, 0, 0


def others_share(c0, c1, child_cpu_s, wall_s):
    """Percent of the machine's CPU capacity used by processes other than the child during its run (approximate)."""
    capacity = (c1[2] - c0[2]) / 100.0 or wall_s * (os.cpu_count() or 1)
    return max(0.0, 100.0 * ((c1[1] - c0[1]) / 100.0 - child_cpu_s) / capacity) if capacity > 0 else float("nan")


def run_child(cmd, env, log_path, timeout):
    """Runs cmd, its output to log_path; returns (result dict or None, rusage, seconds, exit status)."""
    t0 = time.time()
    with open(log_path, "w") as log:
        log.write("$ %s\n" % " ".join(cmd))
        log.flush()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        result = None
        try:
            for line in proc.stdout:
                log.write(line)
                if line.startswith("VSPYTORCH "):
                    result = json.loads(line[len("VSPYTORCH "):])
        finally:
            killer.cancel()
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status
    return result, usage, time.time() - t0, proc.returncode


def allocator_settings(words):
    """NAME=VALUE words (./lab's RRAMLAB_JAVA_ENV) as a dict; only the C allocator's variables are accepted."""
    settings = {}
    for word in words.split():
        name, sep, value = word.partition("=")
        if not sep or name not in ("LD_PRELOAD", "MALLOC_CONF"):
            sys.exit("vs_pytorch.py: RRAMLAB_JAVA_ENV: expected LD_PRELOAD=... and MALLOC_CONF=... words, got %r" % word)
        settings[name] = value
    return settings


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def main():
    p = argparse.ArgumentParser(description="rramlab vs. PyTorch, same run, alternating (issues 15, 20)")
    p.add_argument("networks", nargs="*", help="cnn, mlp, crnn, unet, resnet20 (default: all five)")
    p.add_argument("--rounds", type=int, default=None, help="rounds (default 3; 1 with --smoke)")
    p.add_argument("--smoke", action="store_true", help="tiny sizes to check the pipeline (figures mean nothing)")
    p.add_argument("--unet-steps", type=int, default=4, help="timed U-Net steps per round (default 4)")
    p.add_argument("--unet-warmup", type=int, default=2, help="U-Net warm-up steps per round (default 2)")
    p.add_argument("--java-heap", default="2g", help="-Xmx of our JVM (default 2g, as ./lab bench UNet)")
    p.add_argument("--twin-allocator", choices=["glibc", "same"], default="glibc",
                   help="the twin's C allocator: glibc's malloc, as installed (default), or the same as ours (RRAMLAB_JAVA_ENV)")
    p.add_argument("--timeout", type=int, default=1200, help="seconds before a run is killed (default 1200)")
    p.add_argument("--out", default=os.path.join(ROOT, "target", "vs-pytorch"), help="logs and results (default target/vs-pytorch)")
    a = p.parse_args()
    networks = a.networks or NETWORKS
    for n in networks:
        if n not in NETWORKS:
            p.error("unknown network %r (expected some of %s)" % (n, ", ".join(NETWORKS)))
    rounds = a.rounds if a.rounds is not None else (1 if a.smoke else 3)
    if rounds < 1:
        p.error("--rounds: expected >= 1")
    jar_dir = os.path.join(ROOT, "lib-src", "target", "notebook-lib")
    if not os.path.exists(os.path.join(jar_dir, "rramlab.jar")):
        sys.exit("vs_pytorch.py: %s/rramlab.jar is missing: build first (./lab setup, or mvn -B -q package -DskipTests)" % jar_dir)
    if not os.path.exists(TORCH_PYTHON):
        sys.exit("vs_pytorch.py: %s is missing; on Debian 12: sudo apt-get install --no-install-recommends python3-torch "
                 "libopenblas0-openmp" % TORCH_PYTHON)
    logs = os.path.join(a.out, "logs")
    os.makedirs(logs, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    # our JVM: one native thread per Java thread (environment/setup/common.sh); the twin: OpenMP sized to its 2 threads,
    # as it was before that default existed (unset = one per CPU)
    env.setdefault("OMP_NUM_THREADS", "1")
    torch_env = dict(env, OMP_NUM_THREADS="2")
    java_env = allocator_settings(os.environ.get("RRAMLAB_JAVA_ENV", ""))
    env.update(java_env)
    if a.twin_allocator == "same":
        torch_env.update(java_env)

    start_load = loadavg()
    print("rramlab vs. PyTorch, same run: %s, %d round(s)%s" % (", ".join(networks), rounds, " (SMOKE: tiny sizes, figures mean nothing)" if a.smoke else ""))
    print("machine: %s, %d CPUs; OMP_WAIT_POLICY=%s, OPENBLAS_CORETYPE=%s, OMP_NUM_THREADS=%s (rramlab) / 2 (PyTorch); PyTorch threads 2"
          % (cpu_model(), os.cpu_count() or 0, env.get("OMP_WAIT_POLICY"), env.get("OPENBLAS_CORETYPE", "(unset)"), env.get("OMP_NUM_THREADS", "(unset)")))
    print("allocator settings: rramlab %s; PyTorch %s" % (" ".join("%s=%s" % kv for kv in java_env.items()) or "(none: glibc malloc)",
          "the same" if a.twin_allocator == "same" and java_env else "(none: glibc malloc)"))
    print("load average at start: %s   (%s)" % (start_load, time.strftime("%Y-%m-%d %H:%M:%S %Z")))

    check = subprocess.run([TORCH_PYTHON, TORCH_SCRIPT, "--check"], cwd=ROOT, env=torch_env, capture_output=True, text=True)
    with open(os.path.join(logs, "pytorch-check.log"), "w") as f:
        f.write(check.stdout + check.stderr)
    if check.returncode != 0:
        sys.exit("vs_pytorch.py: the PyTorch twin's correctness checks failed:\n" + check.stdout + check.stderr)
    print("PyTorch twin: correctness checks passed (%d; log %s)" % (check.stdout.count(" ok\n"), os.path.relpath(os.path.join(logs, "pytorch-check.log"), ROOT)))

    java = ["java", "-Xmx" + a.java_heap, "--add-modules", "jdk.incubator.vector", "-cp", os.path.join(jar_dir, "*"),
            "org.rramlab.bench.VsPytorchBenchmark"]
    fsdd = os.path.join(a.out, "fsdd")
    if "crnn" in networks:
        r = subprocess.run(java + ["export-fsdd", fsdd], cwd=ROOT, env=env, capture_output=True, text=True)
        if r.returncode != 0:
            print("warning: could not export rramlab's FSDD features (PyTorch's CRNN will train on a synthetic tensor):\n"
                  + r.stdout[-2000:] + r.stderr[-2000:])

    def args_for(network, side):
        extra = []
        if a.smoke and network != "unet":
            extra += ["--limit", "600"]
        if network == "unet":
            extra += ["--steps", str(1 if a.smoke else a.unet_steps), "--warmup", str(1 if a.smoke else a.unet_warmup)]
            if a.smoke:
                extra += ["--base", "8"]
        if side == "rramlab":
            return java + [network] + extra
        return [TORCH_PYTHON, TORCH_SCRIPT, network, "--threads", "2"] + extra + (["--fsdd", fsdd] if network == "crnn" else [])

    runs = {n: {"rramlab": [], "pytorch": []} for n in networks}
    for r in range(rounds):
        for n in networks:
            order = ["rramlab", "pytorch"] if r % 2 == 0 else ["pytorch", "rramlab"]
            for side in order:
                load_before = os.getloadavg()[0]
                steal0 = cpu_counters()
                log = os.path.join(logs, "round%d-%s-%s.log" % (r + 1, n, side))
                res, usage, wall, rc = run_child(args_for(n, side), env if side == "rramlab" else torch_env, log, a.timeout)
                if rc != 0 or res is None:
                    with open(log) as f:
                        tail = f.read()[-3000:]
                    sys.exit("vs_pytorch.py: %s %s (round %d) failed (exit %s); end of %s:\n%s" % (side, n, r + 1, rc, os.path.relpath(log, ROOT), tail))
                steal1 = cpu_counters()
                steal = 100.0 * (steal1[0] - steal0[0]) / max(1, steal1[2] - steal0[2])
                others = others_share(steal0, steal1, usage.ru_utime + usage.ru_stime, wall)
                res.update(round=r + 1, load_before=load_before, steal_pct=round(steal, 1), others_pct=round(others, 1), process_wall_s=round(wall, 2),
                           process_user_s=round(usage.ru_utime, 2), process_sys_s=round(usage.ru_stime, 2),
                           peak_rss_gb=round(usage.ru_maxrss * 1024 / 1e9, 3))
                runs[n][side].append(res)
                print("  round %d  %-4s %-7s %7.3f s/%s   CPU %6.2f s (user %.2f + sys %.2f)   process: CPU %.1f s, peak RSS %.2f GB, %.0f s   load %.2f, others %.0f %%, steal %.0f %%"
                      % (r + 1, n, side, res["seconds"], res["unit"], res["user_s"] + res["sys_s"], res["user_s"], res["sys_s"],
                         usage.ru_utime + usage.ru_stime, res["peak_rss_gb"], wall, load_before, others, steal), flush=True)
    end_load = loadavg()

    print("\nload average at start: %s, at end: %s   (%s); the load during a run includes the benchmark's own threads"
          % (start_load, end_load, time.strftime("%Y-%m-%d %H:%M:%S %Z")))
    all_runs = [x for n in networks for side in ("rramlab", "pytorch") for x in runs[n][side]]
    print("during the runs, other processes used %.0f %% of the CPUs (median; range %.0f-%.0f %%), CPU steal by the hypervisor "
          "%.1f %% (max %.1f %%)" % (median([x["others_pct"] for x in all_runs]), min(x["others_pct"] for x in all_runs),
                                      max(x["others_pct"] for x in all_runs), median([x["steal_pct"] for x in all_runs]),
                                      max(x["steal_pct"] for x in all_runs)))
    summary = []
    for n in networks:
        ours, torch = runs[n]["rramlab"], runs[n]["pytorch"]
        mo, mt = median([x["seconds"] for x in ours]), median([x["seconds"] for x in torch])
        pairs = [o["seconds"] / t["seconds"] for o, t in zip(ours, torch)]
        row = {"network": n, "unit": ours[0]["unit"], "rramlab_s": mo, "pytorch_s": mt, "ratio": mo / mt, "pair_ratios": pairs,
               "target": TARGETS[n]}
        for side, xs in (("rramlab", ours), ("pytorch", torch)):
            row[side + "_cpu_s"] = median([x["user_s"] + x["sys_s"] for x in xs])
            row[side + "_sys_share"] = median([x["sys_s"] / x["user_s"] if x["user_s"] > 0 else float("nan") for x in xs])
            row[side + "_process_cpu_s"] = median([x["process_user_s"] + x["process_sys_s"] for x in xs])
            row[side + "_fresh_mb"] = median([x["minor_faults"] * 4096 / 1e6 for x in xs])
            row[side + "_allocator"] = xs[0].get("allocator")
            row[side + "_peak_rss_gb"] = median([x["peak_rss_gb"] for x in xs])
            row[side + "_peak_rss_gb_max"] = max(x["peak_rss_gb"] for x in xs)
            row[side + "_masked_weights"] = xs[0]["masked_weights"]
            row[side + "_acc"] = [x.get("test_acc") for x in xs]
            row[side + "_data"] = xs[0].get("data")
        summary.append(row)
        print("\n%s" % TITLES[n])
        for side, label in (("rramlab", "rramlab"), ("pytorch", "PyTorch")):
            xs = runs[n][side]
            acc = row[side + "_acc"]
            print("  %-8s median %7.3f s/%s  (rounds: %s)  CPU %.2f s/%s, sys/user %3.0f %%, minor faults x 4 kB %.0f MB/%s (%s)  process CPU %.1f s  peak RSS %.2f GB (max %.2f)%s"
                  % (label, row[side + "_s"], row["unit"], ", ".join("%.3f" % x["seconds"] for x in xs), row[side + "_cpu_s"], row["unit"],
                     100 * row[side + "_sys_share"], row[side + "_fresh_mb"], row["unit"], row[side + "_allocator"], row[side + "_process_cpu_s"],
                     row[side + "_peak_rss_gb"], row[side + "_peak_rss_gb_max"],
                     "" if acc[0] is None else "  test acc %s" % ", ".join("%.2f %%" % (100 * v) for v in acc)))
        status = "not judged (smoke run)" if a.smoke else "met" if row["ratio"] <= TARGETS[n] else "not met"
        print("  ratio ours / PyTorch: %.2f (per round: %s); issue-%d target <= %.1f: %s"
              % (row["ratio"], ", ".join("%.2f" % v for v in pairs), 20 if n == "resnet20" else 15, TARGETS[n], status))
        mw = (row["rramlab_masked_weights"], row["pytorch_masked_weights"])
        print("  masked weights: rramlab %s, PyTorch %s%s" % (format(mw[0], ","), format(mw[1], ","),
              "" if mw[0] == mw[1] == EXPECTED_WEIGHTS[n] or a.smoke else "   MISMATCH (expected %s)" % format(EXPECTED_WEIGHTS[n], ",")))
        if row["rramlab_data"] != row["pytorch_data"]:
            print("  data: rramlab: %s; PyTorch: %s" % (row["rramlab_data"], row["pytorch_data"]))
        else:
            print("  data: %s" % row["rramlab_data"])
        for d in DIFFERENCES.get(n, []):
            print("  note: " + d)
    print("\nboth sides:")
    for d in DIFFERENCES["all"]:
        print("  - " + d)
    print("  - timed: one epoch (train + test) after a warm-up of a tenth of an epoch (CNN, MLP, ResNet-20) or one epoch (CRNN); the "
          "U-Net: median of %d steps after %d warm-up steps; every side and round a fresh process"
          % ((1, 1) if a.smoke else (a.unet_steps, a.unet_warmup)))

    print("\n| network | rramlab | PyTorch | ratio (per round) | CPU s rramlab / PyTorch (sys/user) | minor faults x 4 kB, MB rramlab / PyTorch | peak RSS GB rramlab / PyTorch |")
    print("|---|---|---|---|---|---|---|")
    for row in summary:
        print("| %s | %.2f s | %.2f s | **%.2f** (%s) | %.1f (%.0f %%) / %.1f (%.0f %%) | %.0f / %.0f | %.2f / %.2f |"
              % (row["network"], row["rramlab_s"], row["pytorch_s"], row["ratio"], ", ".join("%.2f" % v for v in row["pair_ratios"]),
                 row["rramlab_cpu_s"], 100 * row["rramlab_sys_share"], row["pytorch_cpu_s"], 100 * row["pytorch_sys_share"],
                 row["rramlab_fresh_mb"], row["pytorch_fresh_mb"], row["rramlab_peak_rss_gb"], row["pytorch_peak_rss_gb"]))
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"start_load": start_load, "end_load": end_load, "rounds": rounds, "smoke": a.smoke, "summary": summary, "runs": runs}, f, indent=1)
    print("\nresults: %s; logs: %s/" % (os.path.relpath(os.path.join(a.out, "results.json"), ROOT), os.path.relpath(logs, ROOT)))


if __name__ == "__main__":
    main()
