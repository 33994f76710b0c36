#!/usr/bin/env python3
"""Executes rramlab notebooks headlessly through a Jupyter kernel and reports every failure.

Used by `./lab test` (profile ci, the notebook test harness) and `./lab reproduce` (any profile). For each notebook it
writes the executed copy (.ipynb) and an HTML rendering into --out, prints one line per notebook, and ends with
`notebooks: N passed, N failed`. A failing cell is named by notebook, cell number and the error it raised. Exits 1 if
any notebook failed.

The committed notebooks stay without outputs: this script never writes into notebooks/.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# Per-cell time limits: a ci cell must stay short, a paper-profile cell may train for hours.
CELL_TIMEOUT_S = {"ci": 900, "quick": 3600, "paper": None}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_error(nb):
    """Returns (cell number counted from 1, ename, evalue, traceback lines) of the first cell with an error output."""
    for index, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, output.get("ename", "?"), output.get("evalue", ""), output.get("traceback", [])
    return None


def write_outputs(nb, out_dir, stem):
    out_dir.mkdir(parents=True, exist_ok=True)
    ipynb = out_dir / f"{stem}.ipynb"
    tmp = ipynb.with_suffix(".ipynb.tmp")
    nbformat.write(nb, str(tmp))
    tmp.replace(ipynb)
    try:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter().from_notebook_node(nb)
        html = out_dir / f"{stem}.html"
        tmp = html.with_suffix(".html.tmp")
        tmp.write_text(body, encoding="utf-8")
        tmp.replace(html)
    except Exception as e:  # the executed .ipynb is the record; HTML is a convenience
        print(f"    (no HTML for {stem}: {type(e).__name__}: {e})")


def run_one(path, kernel, profile, out_dir, timeout):
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=180,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    problem = None
    try:
        client.execute()
    except CellTimeoutError as e:
        problem = f"a cell ran past {timeout} s: {str(e).splitlines()[0] if str(e) else ''}"
    except DeadKernelError as e:
        problem = f"the kernel died: {e}"
    except CellExecutionError:
        problem = "cell error"
    except Exception as e:  # kernel failed to start, bad notebook JSON, ...
        problem = f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - started
    write_outputs(nb, out_dir, path.stem)
    error = first_error(nb)
    if problem is None and error is None:
        return True, seconds, None
    if error is not None:
        cell, ename, evalue, traceback = error
        detail = ANSI.sub("", f"cell {cell}: {ename}: {evalue}").rstrip()
        tb = [ANSI.sub("", line) for line in traceback if line.strip()][:12]
        if tb:
            detail += "\n" + "\n".join("        " + line for line in tb)
    else:
        detail = problem
    return False, seconds, detail


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--profile", choices=sorted(CELL_TIMEOUT_S), default="ci")
    parser.add_argument("--out", type=Path, required=True, help="folder for executed notebooks and HTML")
    parser.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    parser.add_argument("--timeout", type=int, default=None, help="seconds per cell (default by profile)")
    args = parser.parse_args()

    timeout = args.timeout if args.timeout is not None else CELL_TIMEOUT_S[args.profile]
    out_dir = args.out.resolve()
    # The kernel inherits this environment: the profile picks sizes, results go where the summary looks for them.
    os.environ["RRAMLAB_PROFILE"] = args.profile
    os.environ["RRAMLAB_RESULTS_DIR"] = str(out_dir / "results")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    notebooks = sorted(p.resolve() for p in args.notebooks)
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        print("run_notebooks: no such notebook: " + ", ".join(missing), file=sys.stderr)
        return 2

    passed, failed = 0, []
    for i, path in enumerate(notebooks, start=1):
        print(f"[{i}/{len(notebooks)}] {path.name} (profile {args.profile}) ...", flush=True)
        os.environ["RRAMLAB_NOTEBOOK"] = path.stem   # each notebook's kernel starts with it: results name their notebook
        ok, seconds, detail = run_one(path, args.kernel, args.profile, out_dir, timeout)
        if ok:
            passed += 1
            print(f"    ok in {seconds:.1f} s -> {out_dir / (path.stem + '.html')}", flush=True)
        else:
            failed.append(path.name)
            print(f"    FAILED after {seconds:.1f} s: {path.name} {detail}", flush=True)
    if failed:
        print("failed notebooks: " + ", ".join(failed))
    print(f"notebooks: {passed} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
