#!/usr/bin/env bash
# Installs the rramlab Java kernel as a Jupyter kernelspec (idempotent: run it again after every kernel build).
#
# The kernelspec is named "java", as IJava's, so notebooks open in either. A "java" kernelspec that is not ours
# (its kernel.json lacks metadata.rramlab) is never overwritten: ours is then installed as "rramlab-java".
# The chosen name is written to environment/kernel/target/kernel-name for the notebook tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/environment/kernel/target/rramlab-kernel.jar"
SPEC="$ROOT/environment/kernelspec/kernel.json"
NAME_FILE="$ROOT/environment/kernel/target/kernel-name"
# Debian's Jupyter lives in /usr/bin/python3; another python3 earlier on PATH may not see it.
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"

if [ ! -f "$JAR" ]; then
  echo "install-kernel: $JAR is missing; build it first: (cd $ROOT && mvn -o -q package -DskipTests)" >&2
  exit 1
fi
if ! "$PY" -c "import jupyter_client" 2>/dev/null; then
  echo "install-kernel: $PY cannot import jupyter_client; install Jupyter (apt-get install python3-jupyter-client)" >&2
  exit 1
fi

kernelspec() {
  "$PY" -m jupyter_client.kernelspecapp "$@"
}

# Prints "absent", "ours" or "foreign" for the kernelspec named $1.
owner_of() {
  kernelspec list --json 2>/dev/null | "$PY" -c '
import json, os, sys
spec = json.load(sys.stdin)["kernelspecs"].get(sys.argv[1])
if spec is None:
    print("absent")
else:
    print("ours" if spec.get("spec", {}).get("metadata", {}).get("rramlab") is True else "foreign")
' "$1"
}

NAME=java
case "$(owner_of java)" in
  foreign)
    NAME=rramlab-java
    echo "install-kernel: a 'java' kernelspec that is not rramlab's is installed; leaving it alone."
    echo "install-kernel: installing ours as '$NAME' instead (notebooks then need: --ExecutePreprocessor.kernel_name=$NAME)."
    if [ "$(owner_of "$NAME")" = foreign ]; then
      echo "install-kernel: '$NAME' is also taken by another kernel; refusing to overwrite it." >&2
      exit 1
    fi
    ;;
esac

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp "$SPEC" "$STAGE/kernel.json"
# The kernel gets the allocator ./lab gives its other Java processes (common.sh, allocator_env): jemalloc keeping
# freed pages, where it is installed; kernel.json's env is what Jupyter sets, whoever starts the kernel.
# shellcheck source=common.sh
source "$ROOT/environment/setup/common.sh"
# shellcheck disable=SC2046  # NAME=VALUE words without spaces
"$PY" - "$STAGE/kernel.json" $(LD_PRELOAD="" allocator_env) <<'PYEOF'
import json, sys
path = sys.argv[1]
with open(path) as f:
    spec = json.load(f)
for word in sys.argv[2:]:
    name, _, value = word.partition("=")
    spec["env"][name] = value
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PYEOF
cp "$JAR" "$STAGE/rramlab-kernel.jar"
kernelspec install --user --replace --name "$NAME" "$STAGE" >/dev/null 2>&1 \
  || { echo "install-kernel: 'jupyter kernelspec install --user --name $NAME' failed" >&2; kernelspec install --user --replace --name "$NAME" "$STAGE"; exit 1; }

DEST="$(kernelspec list --json 2>/dev/null | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["kernelspecs"][sys.argv[1]]["resource_dir"])' "$NAME")"
# A class-data archive of what JShell loads at start-up (about a third off the kernel's start-up time). It is tied
# to this jar path and this Java; when either changes the JVM ignores it (the kernelspec silences its warning).
JSA="$DEST/rramlab-kernel.jsa"
# The same module options as kernel.json's argv (the archive is only used when they match).
if java -XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off --add-modules jdk.incubator.vector -jar "$DEST/rramlab-kernel.jar" --warm-up >/dev/null 2>&1 \
    && [ -s "$JSA" ]; then
  echo "install-kernel: recorded the start-up class-data archive $JSA"
else
  rm -f "$JSA"
  echo "install-kernel: could not record a class-data archive (the kernel works without it, starting slower)"
fi

mkdir -p "$(dirname "$NAME_FILE")"
printf '%s\n' "$NAME" > "$NAME_FILE"
echo "install-kernel: installed kernelspec '$NAME' (display name \"Java (rramlab)\") in $DEST"
echo "install-kernel: kernel jar $(du -h "$DEST/rramlab-kernel.jar" | cut -f1), name recorded in $NAME_FILE"
echo "install-kernel: C allocator: $("$PY" -c 'import json,sys; e=json.load(open(sys.argv[1]))["env"]; print(e.get("LD_PRELOAD", "glibc malloc") + (" (" + e["MALLOC_CONF"] + ")" if "MALLOC_CONF" in e else ""))' "$DEST/kernel.json")"
