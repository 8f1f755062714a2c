#!/usr/bin/env bash
# Builds the app-image with jpackage/build.sh into a temporary folder and checks that its launchers work
# (docs/installer.md#the-test). With --deb it also builds the .deb and checks its metadata and contents, without
# installing it (about a minute more, mostly dpkg-deb's xz; DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1
# in the environment takes that to seconds, as .ci/run does). --keep leaves the temporary folder and says where.
#
#   jpackage/test.sh [--deb] [--keep]
#
# Each check prints "ok" or "FAIL: why" and its time; the exit code is the number of failed checks (0: all passed).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deb=0 keep=0
for a in "$@"; do
  case "$a" in
    --deb) deb=1 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument: $a (see --help)" >&2; exit 2 ;;
  esac
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cape-jpackage-test.XXXXXX")"
if [ "$keep" = 1 ]; then
  trap 'echo "test.sh: kept $tmp" >&2' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi
img="$tmp/dist/CAPE Workbench"
cli="$img/bin/cape"
failures=0

now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
# check NAME FUNCTION: runs the function, which returns non-zero after printing why; on success the lines of its
# output that start with "build.sh:" (step timings) or "info:" are shown, on failure its last 20 lines
check() {
  local name="$1" start log="$tmp/check.log"; shift
  start="$(now)"
  if "$@" >"$log" 2>&1; then
    printf 'test.sh: ok    %-44s (%s)\n' "$name" "$(took "$start")"
    grep -E '^(build\.sh|info):' "$log" | sed 's/^/    /'
  else
    printf 'test.sh: FAIL  %-44s (%s)\n' "$name" "$(took "$start")"
    tail -n 20 "$log" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
  return 0
}

build_image() {
  "$root/jpackage/build.sh" --type app-image --dest "$tmp/dist" || { echo "jpackage/build.sh --type app-image failed"; return 1; }
  [ -x "$img/bin/CAPE Workbench" ] || { echo "no launcher $img/bin/CAPE Workbench"; return 1; }
  [ -x "$cli" ] || { echo "no launcher $cli"; return 1; }
  grep -qx 'java-options=-Dai.djl.offline=true' "$img/lib/app/cape.cfg" \
    || { echo "$img/lib/app/cape.cfg lacks -Dai.djl.offline=true"; return 1; }
  grep -qx 'java-options=-XX:MaxNewSize=16m' "$img/lib/app/cape.cfg" \
    || { echo "$img/lib/app/cape.cfg lacks -XX:MaxNewSize=16m (model commands' peak memory)"; return 1; }
  local cfg
  for cfg in "$img/lib/app/cape.cfg" "$img/lib/app/CAPE Workbench.cfg"; do
    grep -qx 'java-options=-XX:TieredStopAtLevel=1' "$cfg" \
      || { echo "$cfg lacks -XX:TieredStopAtLevel=1 (C1 only, as ./cape)"; return 1; }
  done
}

version() {
  local out
  out="$("$cli" --version)" || { echo "cape --version exited $?"; return 1; }
  [[ "$out" == "CAPE Workbench "* ]] || { echo "cape --version printed: $out"; return 1; }
}

diagnose_json() {
  local out="$tmp/diagnose.json" key
  "$cli" diagnose --format json --out "$out" || { echo "cape diagnose --format json exited $?"; return 1; }
  [ "$(head -c 1 "$out")" = "{" ] || { echo "not a JSON object: $(head -c 80 "$out")"; return 1; }
  # the top-level keys of docs/cli.md (JSON schema of cape diagnose); Gson indents them by two spaces
  for key in provenance families excluded pooled mean_nc width; do
    grep -q "^  \"$key\": " "$out" || { echo "top-level key \"$key\" missing from $out"; return 1; }
  done
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d["families"]) > 0, "no families"' "$out" \
      || { echo "python3 cannot read $out as the expected JSON"; return 1; }
  fi
}

# The main launcher without a display prints the diagnosis instead of opening the window (docs/cli.md).
main_launcher_headless() {
  local out err
  out="$(env -u DISPLAY -u WAYLAND_DISPLAY "$img/bin/CAPE Workbench" 2>"$tmp/main.err")" \
    || { echo "\"CAPE Workbench\" exited $?: $(cat "$tmp/main.err")"; return 1; }
  grep -q "no display" "$tmp/main.err" || { echo "expected the no-display notice on stderr, got: $(cat "$tmp/main.err")"; return 1; }
  [ -n "$out" ] || { echo "no diagnosis printed"; return 1; }
}

# A random tiny llama through DJL's PyTorch engine; the libtorch of the image's pytorch-native-cpu jar is extracted
# into an empty DJL cache, with ai.djl.offline=true, so nothing can come from elsewhere.
bench_forward() {
  local cache="$tmp/djl-cache" out
  mkdir -p "$cache"
  out="$(DJL_CACHE_DIR="$cache" "$cli" bench forward --random-llama tiny --runs 1 --prefill 16 --decode 16 --no-profile 2>&1)" \
    || { printf 'cape bench forward exited %s:\n%s\n' "$?" "$out"; return 1; }
  grep -q "decode with KV cache" <<<"$out" || { printf 'no decode timing in:\n%s\n' "$out"; return 1; }
  compgen -G "$cache/pytorch/*cpu-linux-x86_64/libtorch_cpu.so" >/dev/null \
    || { echo "libtorch_cpu.so was not extracted into $cache/pytorch (from the image's jar)"; return 1; }
}

# cape doctor inside the image: the engine starts offline and reports the CPU libtorch of the image's jar.
doctor() {
  local out
  out="$(DJL_CACHE_DIR="$tmp/djl-cache" "$cli" doctor 2>&1)" || { printf 'cape doctor exited %s:\n%s\n' "$?" "$out"; return 1; }
  grep -q "cpu build, from $tmp/djl-cache/pytorch/" <<<"$out" || { printf 'no CPU libtorch from the cache in:\n%s\n' "$out"; return 1; }
  grep -q "^devices: " <<<"$out" || { printf 'no devices line in:\n%s\n' "$out"; return 1; }
}

# JavaFX inside the image: the window and every chart rendered offscreen (Monocle headless, software rendering).
screenshot() {
  local dir="$tmp/shots" f
  env -u DISPLAY -u WAYLAND_DISPLAY "$cli" screenshot --out "$dir" >"$tmp/shots.log" 2>&1 \
    || { echo "cape screenshot exited $?:"; tail -n 15 "$tmp/shots.log"; return 1; }
  pngs "$dir" main-window main-window-coupling-selected main-window-family main-window-family-compare main-window-dark reasoning-truthfulness \
    coupling-curves nc-forest pooled-phases width-normalisation ode-phase-portrait frontier
}

pngs() {
  local dir="$1" f
  shift
  for f in "$@"; do
    [ -s "$dir/$f.png" ] || { echo "$dir/$f.png missing"; return 1; }
    [ "$(head -c 8 "$dir/$f.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "$f.png is not a PNG"; return 1; }
  done
}

# The head inspector and steering console inside the image, run on stories15M (the copy the tests fetch), as the
# window runs them: census, attention pattern, direction, steered generation, sweep.
model_tabs() {
  local model="${CAPE_CACHE:-$HOME/.cache/cape}/stories15M/model.bin" dir="$tmp/model-shots"
  if [ ! -f "$model" ]; then
    echo "info: $model absent (scripts/fetch-stories15m.sh); the model tabs are not checked"
    return 0
  fi
  env -u DISPLAY -u WAYLAND_DISPLAY "$cli" screenshot --out "$dir" --model "$model" >"$tmp/model-shots.log" 2>&1 \
    || { echo "cape screenshot --model exited $?:"; tail -n 15 "$tmp/model-shots.log"; return 1; }
  pngs "$dir" main-window-heads main-window-steering-direction main-window-steering-generate \
    main-window-steering-evaluate
  grep -q "steering sweep" "$tmp/model-shots.log" || { echo "no model-tab timings in the output"; return 1; }
}

# Chart export through AWT and JFreeSVG (java.desktop in the runtime): the report's figures as PNG and SVG.
report_figures() {
  local dir="$tmp/report" f
  "$cli" report --out "$dir" >"$tmp/report.log" 2>&1 || { echo "cape report exited $?:"; tail -n 15 "$tmp/report.log"; return 1; }
  for f in coupling-curves nc-forest frontier; do
    [ -s "$dir/figures/$f.png" ] || { echo "$dir/figures/$f.png missing"; return 1; }
    grep -q "<svg" "$dir/figures/$f.svg" 2>/dev/null || { echo "$dir/figures/$f.svg missing or not SVG"; return 1; }
  done
}

deb_package() {
  local pkg contents info
  "$root/jpackage/build.sh" --type deb --dest "$tmp/deb" || { echo "jpackage/build.sh --type deb failed"; return 1; }
  pkg="$(ls "$tmp"/deb/*.deb 2>/dev/null | head -n 1)"
  [ -n "$pkg" ] || { echo "no .deb in $tmp/deb"; return 1; }
  info="$(dpkg-deb --info "$pkg")" || { echo "dpkg-deb --info $pkg failed"; return 1; }
  grep -q "Package: cape-workbench" <<<"$info" || { printf 'unexpected control file:\n%s\n' "$info"; return 1; }
  grep -Eq "Depends:.*libgtk-3-0 \| libgtk-3-0t64" <<<"$info" \
    || { printf 'the .deb does not depend on GTK 3, which JavaFX needs:\n%s\n' "$info"; return 1; }
  contents="$(dpkg-deb --contents "$pkg")" || { echo "dpkg-deb --contents $pkg failed"; return 1; }
  for f in "./opt/cape-workbench/bin/CAPE Workbench" ./opt/cape-workbench/bin/cape \
           ./opt/cape-workbench/lib/cape-workbench-CAPE_Workbench.desktop ./opt/cape-workbench/lib/app/cape-app.jar \
           ./opt/cape-workbench/lib/app/lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar; do
    grep -qF " $f" <<<"$contents" || { echo "$pkg lacks $f"; return 1; }
  done
  ! grep -q "cape-workbench-cape.desktop" <<<"$contents" || { echo "$pkg has a menu entry for the cape CLI launcher"; return 1; }
  dpkg-deb --fsys-tarfile "$pkg" | tar -xO ./opt/cape-workbench/lib/cape-workbench-CAPE_Workbench.desktop \
    | grep -qx 'Exec="/opt/cape-workbench/bin/CAPE Workbench"' || { echo "the desktop entry does not start the main launcher"; return 1; }
  echo "info: $pkg: $(du -h "$pkg" | cut -f1)"
}

check "build the app-image (jpackage/build.sh)" build_image
if [ "$failures" -gt 0 ]; then
  echo "test.sh: the image could not be built; nothing else checked" >&2
  exit 1
fi
echo "test.sh: image $img: $(du -sh "$img" | cut -f1) (runtime $(du -sh "$img/lib/runtime" | cut -f1))"
check "cape --version" version
check "cape diagnose --format json" diagnose_json
check "CAPE Workbench without a display" main_launcher_headless
check "cape bench forward --random-llama tiny" bench_forward
check "cape doctor" doctor
check "cape screenshot (JavaFX, Monocle headless)" screenshot
check "cape screenshot --model stories15M (head inspector, steering console)" model_tabs
check "cape report (PNG and SVG figures)" report_figures
[ "$deb" = 1 ] && check "build and inspect the .deb" deb_package
if [ "$failures" -gt 0 ]; then
  echo "test.sh: $failures check(s) failed" >&2
else
  echo "test.sh: all checks passed"
fi
exit "$failures"
