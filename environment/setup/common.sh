# Set-up steps shared by ./lab's commands. Each step checks before it acts, so running it twice is harmless.
# Sourced by ./lab with ROOT set to the repository root.

# OpenMP busy-waiting costs 3-5x on small (2-vCPU) machines: see docs/performance.md.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# One native thread per JVM thread: ND4J sizes both its OpenMP pool and OpenBLAS's from this. With two, OpenBLAS's
# threads wait for each other in sched_yield loops (system time = user time) and, on a shared machine, each parallel
# region waits for a descheduled partner: a CNN epoch took 5-10x longer (docs/performance.md, "Engine"). The library
# uses the second core itself, from Java (org.rramlab.simd.Parallel).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die()  { printf '\nlab: error: %s\n' "$*" >&2; exit 1; }

is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

# Runs a command as root: directly when we are root, through sudo when it needs no password, otherwise stops and
# prints the exact command for the user to run.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "this step needs root. Run this, then run ./lab again:
    sudo $*"
    fi
}

APT_UPDATED=""
apt_install() {
    if [ -z "$APT_UPDATED" ]; then
        info "apt-get update"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    info "apt-get install $*"
    as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- Java and Maven --------------------------------------------------------------------------------------------
java_major() {
    javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p'
}

setup_java_maven() {
    local missing=()
    if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
        missing+=(openjdk-17-jdk-headless)
    fi
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
    if [ ${#missing[@]} -gt 0 ]; then
        if is_debian; then
            step "Installing ${missing[*]}"
            apt_install "${missing[@]}"
        else
            die "rramlab needs a Java 17+ JDK (javac) and Maven 3.8+ on PATH; missing: ${missing[*]}.
    Install them with your system's package manager (e.g. SDKMAN: sdk install java 17-tem; sdk install maven)."
        fi
    fi
    local major
    major="$(java_major)"
    [ -n "$major" ] && [ "$major" -ge 17 ] || die "javac reports version '$(javac -version 2>&1)'; rramlab needs 17 or newer (set JAVA_HOME / PATH)"
    info "Java $major, $(mvn -v 2>/dev/null | head -1)"
}

# --- The C allocator of the Java processes -------------------------------------------------------------------
# ND4J keeps arrays in native memory, and a training step allocates and frees hundreds of MB of them (a paper U-Net
# step ~540 MB: activations of 19-38 MB each). glibc's malloc hands chunks over 32 MB, and the free tops of its heaps,
# back to the kernel at once, so every step maps and zeroes those pages again: 12-26 % of the U-Net's user time went
# to the kernel. jemalloc, told to keep freed pages for a minute (and to serve large requests from its ordinary
# arenas, whose pages it keeps, instead of its oversize arena, which gives them back at once), reuses them: the
# U-Net step faults in ~10 MB instead of ~540 MB. Measured in docs/performance.md ("The allocator").
# RRAMLAB_ALLOCATOR=glibc turns it off; a MALLOC_CONF of your own wins over ours.
JEMALLOC_CONF="oversize_threshold:0,dirty_decay_ms:60000,muzzy_decay_ms:60000"

jemalloc_lib() {
    local f
    for f in /usr/lib/*-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
        [ -f "$f" ] && { echo "$f"; return 0; }
    done
    return 1
}

setup_allocator() {
    [ "${RRAMLAB_ALLOCATOR:-}" = glibc ] && { info "C allocator: glibc malloc (RRAMLAB_ALLOCATOR=glibc)"; return 0; }
    if ! jemalloc_lib >/dev/null; then
        if is_debian; then
            step "Installing libjemalloc2 (the allocator of the lab's Java processes: docs/performance.md, \"The allocator\")"
            apt_install libjemalloc2
        else
            info "jemalloc not found: the lab's Java processes use glibc's malloc (correct, but a U-Net step ~25 % slower); install jemalloc 5 to change that"
            return 0
        fi
    fi
    info "C allocator of the Java processes: $(jemalloc_lib) ($JEMALLOC_CONF)"
}

# NAME=VALUE words for env(1) before a Java command (our allocator), or nothing: see above.
allocator_env() {
    [ "${RRAMLAB_ALLOCATOR:-}" = glibc ] && return 0
    local lib
    lib="$(jemalloc_lib)" || return 0
    printf 'LD_PRELOAD=%s MALLOC_CONF=%s\n' "$lib${LD_PRELOAD:+:$LD_PRELOAD}" "${MALLOC_CONF:-$JEMALLOC_CONF}"
}

# java, with our allocator
lab_java() {
    # shellcheck disable=SC2046  # allocator_env's words are NAME=VALUE pairs without spaces
    env $(allocator_env) java "$@"
}

# --- Jupyter ---------------------------------------------------------------------------------------------------
# Debian's Jupyter modules live under /usr/bin/python3; another python3 earlier on PATH (pyenv, conda) may not see
# them, so we prefer Debian's interpreter when it has them.
find_python() {
    local candidate
    for candidate in /usr/bin/python3 "$(command -v python3 2>/dev/null || true)"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        if "$candidate" -c 'import jupyter_client, nbclient, nbformat, nbconvert, notebook' >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

setup_jupyter() {
    if PYTHON="$(find_python)"; then
        :
    elif is_debian; then
        step "Installing Jupyter from Debian's packages"
        apt_install jupyter-notebook jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat
        PYTHON="$(find_python)" || die "Jupyter was installed but /usr/bin/python3 cannot import it"
    else
        die "Jupyter (notebook, nbconvert, nbclient, jupyter_client) is missing. Install it with:
    python3 -m pip install --user notebook nbconvert nbclient jupyter_client nbformat
then run ./lab again."
    fi
    export PYTHON
    info "Python with Jupyter: $PYTHON"
}

jupyter_bin() {
    if [ -x "$(dirname "$PYTHON")/jupyter" ]; then echo "$(dirname "$PYTHON")/jupyter"; else command -v jupyter; fi
}

# --- Build -------------------------------------------------------------------------------------------------------
build_is_stale() {
    local stamp="$ROOT/lib-src/target/notebook-lib/rramlab.jar" kernel="$ROOT/environment/kernel/target/rramlab-kernel.jar"
    [ -f "$stamp" ] && [ -f "$kernel" ] || return 0
    [ -n "$(find "$ROOT/pom.xml" "$ROOT/lib-src/pom.xml" "$ROOT/lib-src/src/main" "$ROOT/environment/kernel/pom.xml" \
        "$ROOT/environment/kernel/src/main" -newer "$stamp" -type f 2>/dev/null | head -1)" ]
}

setup_build() {
    if build_is_stale; then
        step "Building the library and the kernel (Maven; the first build downloads ND4J, ~250 MB)"
        mvn -B -q -ntp package -DskipTests || die "the Maven build failed (run 'mvn package' to see why)"
    else
        info "Build up to date (lib-src/target/notebook-lib/)"
    fi
}

# --- Kernel ------------------------------------------------------------------------------------------------------
KERNEL_NAME_FILE="$ROOT/environment/kernel/target/kernel-name"

setup_kernel() {
    step "Installing the Java kernelspec"
    PYTHON="$PYTHON" bash "$ROOT/environment/setup/install-kernel.sh"
}

kernel_name() {
    if [ -s "$KERNEL_NAME_FILE" ]; then cat "$KERNEL_NAME_FILE"; else echo java; fi
}

# --- Data --------------------------------------------------------------------------------------------------------
FASHION_FILES="train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz"

fashion_dir_ok() {
    local dir="$1" f
    [ -n "$dir" ] && [ -d "$dir" ] || return 1
    for f in $FASHION_FILES; do
        [ -s "$dir/$f" ] || [ -s "$dir/${f%.gz}" ] || return 1
    done
}

setup_fashion_mnist() {
    local d
    for d in "${RRAMLAB_FASHION_MNIST:-}" "$ROOT/data/fashion-mnist" /usr/share/datasets/fashion-mnist; do
        if fashion_dir_ok "$d"; then info "Fashion-MNIST: $d"; return 0; fi
    done
    if is_debian; then
        if ! apt-cache show dataset-fashion-mnist >/dev/null 2>&1 && [ -z "$APT_UPDATED" ]; then
            as_root apt-get update -qq
            APT_UPDATED=1
        fi
        if apt-cache show dataset-fashion-mnist >/dev/null 2>&1; then
            step "Installing Fashion-MNIST (Debian package dataset-fashion-mnist, MIT licence)"
            apt_install dataset-fashion-mnist
            fashion_dir_ok /usr/share/datasets/fashion-mnist && return 0
        fi
    fi
    step "Downloading Fashion-MNIST from Zalando Research's release into data/fashion-mnist/"
    bash "$ROOT/environment/setup/fetch-fashion-mnist.sh" "$ROOT/data/fashion-mnist"
}

# A data set that ./lab test installed and that is not there is an error, never a reason to skip tests.
require_data() {
    local d
    for d in "${RRAMLAB_FASHION_MNIST:-}" "$ROOT/data/fashion-mnist" /usr/share/datasets/fashion-mnist; do
        fashion_dir_ok "$d" && return 0
    done
    die "Fashion-MNIST is missing after set-up (looked in \$RRAMLAB_FASHION_MNIST, data/fashion-mnist,
    /usr/share/datasets/fashion-mnist); the tests that read it must run, so ./lab test stops here"
}

# Lists the tests that Surefire/Failsafe skipped in this run (report files newer than $1). A test skipped because a
# data set ./lab installs (Fashion-MNIST; FSDD is committed) is missing is a failure: ./lab test installed the data
# first, so the skip hides a broken set-up. DRIVE is user-supplied: its skips are not counted.
check_skipped_tests() {
    local since="$1"
    "$PYTHON" - "$ROOT" "$since" <<'PY'
import glob, os, re, sys
import xml.etree.ElementTree as ET
root, since = sys.argv[1], os.path.getmtime(sys.argv[2])
data = re.compile(r"fashion|mnist|fsdd|spoken", re.I)
skipped, data_skips = [], []
for report in glob.glob(os.path.join(root, "**", "target", "*-reports", "TEST-*.xml"), recursive=True):
    if os.path.getmtime(report) < since:
        continue  # left over from an earlier run
    for case in ET.parse(report).getroot().iter("testcase"):
        skip = case.find("skipped")
        if skip is None:
            continue
        what = "%s.%s: %s" % (case.get("classname"), case.get("name"), skip.get("message") or "(no reason given)")
        skipped.append(what)
        if data.search(what):
            data_skips.append(what)
for what in skipped:
    print("    skipped: " + what)
if data_skips:
    print("\nlab: error: %d test(s) skipped for missing data although ./lab installed the data sets first:\n    %s"
          % (len(data_skips), "\n    ".join(data_skips)), file=sys.stderr)
    sys.exit(1)
print("    %d test(s) skipped" % len(skipped))
PY
}

# --- Test tools: the Jupyter kernel conformance suite, a headless browser and its driver (./lab test) -------------
setup_test_tools() {
    local missing=()
    "$PYTHON" -c 'import jupyter_kernel_test' >/dev/null 2>&1 || missing+=(python3-jupyter-kernel-test)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    if [ ${#missing[@]} -gt 0 ]; then
        if is_debian; then
            step "Installing the test tools: ${missing[*]}"
            apt_install "${missing[@]}"
        else
            die "./lab test needs the Jupyter kernel conformance suite and a headless Chromium with its driver;
    missing: ${missing[*]}. Install them (python3 -m pip install --user jupyter_kernel_test; Chromium and a
    matching chromedriver on PATH), then run ./lab test again."
        fi
    fi
    info "Test tools: jupyter_kernel_test, $(chromium --version 2>/dev/null | head -1), $(chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
}

setup_tools() {
    setup_java_maven
    setup_jupyter
    setup_allocator
}

setup_all() {
    setup_tools
    setup_build
    setup_kernel
    setup_fashion_mnist
}

# --- PyTorch (only for ./lab bench --vs-pytorch; never part of ./lab test) ---------------------------------------
# The PyTorch companion of the benchmarks (benchmarks/pytorch/) runs on Debian's PyTorch 1.13 under Debian's own
# interpreter, with OpenBLAS's OpenMP build as the BLAS (the issue-15 measurements used exactly these packages).
TORCH_PACKAGES="python3-torch libopenblas0-openmp"

torch_python_ok() {
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1
}

# apt_install for the comparison's packages, or the exact command when we cannot become root
torch_apt_install() {
    if [ "$(id -u)" -ne 0 ] && ! { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; then
        die "the PyTorch comparison needs Debian's packages $*; installing them needs root. Run:
    sudo apt-get update && sudo apt-get install --no-install-recommends $*
then run ./lab bench --vs-pytorch again."
    fi
    apt_install "$@"
}

setup_torch() {
    local missing=()
    torch_python_ok || missing+=(python3-torch)
    if is_debian && ! dpkg -s libopenblas0-openmp >/dev/null 2>&1; then missing+=(libopenblas0-openmp); fi
    if [ ${#missing[@]} -gt 0 ]; then
        if is_debian; then
            step "Installing ${missing[*]} for the PyTorch comparison (only ./lab bench --vs-pytorch needs them)"
            torch_apt_install "${missing[@]}"
        else
            die "the PyTorch comparison needs PyTorch (CPU) importable by /usr/bin/python3, with numpy. On Debian 12:
    sudo apt-get install --no-install-recommends $TORCH_PACKAGES
elsewhere install PyTorch for /usr/bin/python3, then run ./lab bench --vs-pytorch again."
        fi
        torch_python_ok || die "$TORCH_PACKAGES are installed but /usr/bin/python3 cannot import torch and numpy (try: /usr/bin/python3 -c 'import torch')"
    fi
    info "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') under /usr/bin/python3; BLAS: $(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo '?')"
}
