#!/usr/bin/env bash
# Builds the CAPE Workbench installer with the JDK's jlink and jpackage (docs/installer.md).
#
#   jpackage/build.sh [--type app-image|deb|rpm|msi|exe|dmg|pkg] [--dest DIR]
#
# --type  app-image (default): a portable folder DEST/CAPE Workbench/ (bin/CAPE Workbench opens the workbench,
#         bin/cape is the command line); deb: a Debian/Ubuntu package (needs fakeroot and dpkg-deb); rpm: needs
#         rpmbuild; msi/exe (Windows, needs WiX 3) and dmg/pkg (macOS) only on those systems: untested.
# --dest  where the result goes (default jpackage/target); an older result of the same name is replaced.
#
# Steps: build the app if needed (through ./cape, as its first run does), stage app/target/cape-app.jar and the
# runtime jars the build copies to app/target/lib, make a runtime with jlink holding exactly the JDK modules below,
# and run jpackage on both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/jpackage"

type=app-image
dest="$here/target"
while [ $# -gt 0 ]; do
  case "$1" in
    --type) type="${2:?--type needs a value}"; shift 2 ;;
    --type=*) type="${1#--type=}"; shift ;;
    --dest) dest="${2:?--dest needs a value}"; shift 2 ;;
    --dest=*) dest="${1#--dest=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$type" in
  app-image|deb|rpm|msi|exe|dmg|pkg) ;;
  *) echo "build.sh: --type must be app-image, deb, rpm, msi, exe, dmg or pkg: $type" >&2; exit 2 ;;
esac
# jpackage builds only its own system's installers (and app-image everywhere).
case "$type:$(uname -s)" in
  app-image:* | deb:Linux | rpm:Linux | msi:MINGW* | msi:MSYS* | msi:CYGWIN* | exe:MINGW* | exe:MSYS* | exe:CYGWIN* \
    | dmg:Darwin | pkg:Darwin) ;;
  *) echo "build.sh: --type $type cannot be built on $(uname -s): jpackage does not cross-build" >&2; exit 2 ;;
esac

# The JDK whose jlink/jpackage/jdeps we use: JAVA_HOME if set, else the one `java` on the PATH belongs to.
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
for tool in jlink jpackage jdeps; do
  [ -x "$JAVA_HOME/bin/$tool" ] || { echo "build.sh: $JAVA_HOME/bin/$tool not found (JDK 17 or later needed)" >&2; exit 1; }
done
if [ "$type" = deb ]; then
  for tool in fakeroot dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: --type deb needs $tool (Debian/Ubuntu: sudo apt install fakeroot dpkg)" >&2; exit 1; }
  done
fi
[ -d "$JAVA_HOME/jmods" ] || { echo "build.sh: $JAVA_HOME/jmods missing (Debian 12: package openjdk-17-jdk-headless)" >&2; exit 1; }

step() { # step NAME: prints the name now and, at the next step or the end, how long it took
  local now; now=$(date +%s.%N)
  [ -n "${step_name:-}" ] && awk -v n="$step_name" -v a="$step_start" -v b="$now" \
    'BEGIN { printf "build.sh: %-8s %5.1f s\n", n, b - a }' >&2
  step_name="$1"; step_start="$now"
}

# 1. The app: ./cape builds it when the jar is missing or older than any source (and prints the version here).
step build
version_line="$(CAPE_CDS=0 "$root/cape" --version)"
jar="$root/app/target/cape-app.jar"
lib="$root/app/target/lib"
[ -f "$jar" ] && [ -d "$lib" ] || { echo "build.sh: $jar or $lib missing after the build" >&2; exit 1; }
# Version from the pom (0.1.0-SNAPSHOT -> 0.1.0: installers want numbers only).
pom_version="$(sed -n 's/^version=//p' "$root/app/target/maven-archiver/pom.properties")"
version="${pom_version%%-*}"
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { echo "build.sh: cannot use pom version $pom_version" >&2; exit 1; }

# 2. The JDK modules of the runtime. Found with
#      jdeps --print-module-deps --ignore-missing-deps --multi-release 17 --class-path 'app/target/lib/*' app/target/cape-app.jar
#    (java.base,java.compiler,java.prefs,java.sql,jdk.jfr,jdk.management,jdk.unsupported,jdk.unsupported.desktop)
#    and written out with what those require, so that the list says why each is there:
#    java.desktop            AWT/Java2D: JFreeChart draws and exports PNG/SVG through it; JavaFX, ImageIO
#    jdk.unsupported.desktop javafx-swing (SwingFXUtils: screenshots, copying a chart to the clipboard)
#    jdk.unsupported         sun.misc.Unsafe: the app unmaps weight files with it (looked up by reflection, which
#                            jdeps cannot see); JavaFX and DJL use it too
#    java.prefs              the workbench keeps its settings in java.util.prefs
#    java.sql                JFreeChart refers to java.sql types (jdeps)
#    java.logging            JNA, JFreeSVG (java.util.logging)
#    java.xml                javafx.graphics and java.prefs require it
#    java.compiler           DJL api and error_prone_annotations refer to it (jdeps); tiny
#    jdk.jfr                 cape bench forward profiles the decode with a JFR recording
#    java.management, jdk.management  the benchmarks read the load average and process CPU time
#    java.datatransfer       javafx-swing requires it (and java.desktop too)
# The build below checks that jdeps finds nothing outside this list.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.logging,java.management,java.prefs,java.sql,java.xml,jdk.jfr,jdk.management,jdk.unsupported,jdk.unsupported.desktop

work="$dest/.work"
rm -rf "$work"
mkdir -p "$work" "$dest"
step jdeps
found="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 --class-path "$lib/*" "$jar" | tail -n 1)"
missing=""
for m in ${found//,/ }; do
  [[ ",$modules," == *",$m,"* ]] || missing="$missing $m"
done
[ -z "$missing" ] || { echo "build.sh: jdeps finds modules missing from the list in build.sh:$missing" >&2; exit 1; }

step jlink
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive

# 3. jpackage input: the app jar and lib/ exactly as the build lays them out (the jar's manifest names lib/*.jar).
step stage
mkdir -p "$work/input"
cp "$jar" "$work/input/"
cp -r "$lib" "$work/input/lib"

name="CAPE Workbench"
args=(
  --type "$type" --dest "$dest" --name "$name" --app-version "$version"
  --vendor "CAPE Workbench" --copyright "CAPE Workbench contributors"
  --description "Workbench and CLI for how reasoning and truthfulness of language models interact with scale"
  --input "$work/input" --main-jar cape-app.jar --main-class dev.cape.app.Main
  --runtime-image "$work/runtime"
  # As ./cape: DJL never downloads; libtorch comes from the pytorch-native-cpu jar in lib/ (extracted on first use
  # to ~/.djl.ai, or DJL_CACHE_DIR). Only the C1 JIT, as ./cape runs every command (docs/benchmarks.md, "One JIT
  # setting for every command"). ./cape's extra environment for the model commands (MALLOC_ARENA_MAX=1) cannot be
  # set from a launcher: see docs/installer.md.
  --java-options -Dai.djl.offline=true
  --java-options -XX:TieredStopAtLevel=1
  --add-launcher "cape=$here/cape-cli.properties"
)
case "$type" in
  app-image) args+=(--icon "$here/icon.png") ;;
  deb|rpm)
    args+=(--icon "$here/icon.png" --linux-package-name cape-workbench --linux-shortcut --linux-menu-group "Science;Education")
    if [ "$type" = deb ]; then
      # GTK 3: JavaFX loads it at run time, so jpackage's ldd scan does not find it (t64: its Ubuntu 24.04 name)
      # The Maintainer field: set CAPE_DEB_MAINTAINER to a real address when publishing a package
      args+=(--linux-app-category science --linux-deb-maintainer "${CAPE_DEB_MAINTAINER:-cape@localhost}"
             --linux-package-deps "libgtk-3-0 | libgtk-3-0t64")
    else
      args+=(--linux-app-category "Applications/Engineering" --linux-rpm-license-type "Proprietary"
             --linux-package-deps gtk3)
    fi ;;
  msi|exe) # untested: needs Windows and WiX 3
    args+=(--icon "$here/icon.ico" --win-menu --win-menu-group "CAPE Workbench" --win-shortcut --win-dir-chooser
           --win-upgrade-uuid 6c1f3e52-4a8e-4c55-9d1e-3a2f8b7c0d41) ;;
  dmg|pkg) # untested: needs macOS
    args+=(--icon "$here/icon.icns" --mac-package-name "CAPE Workbench" --mac-package-identifier dev.cape.workbench) ;;
esac
case "$type" in
  msi|exe|dmg|pkg) echo "build.sh: note: the lib/ jars are Linux ones (JavaFX -linux jars, pytorch-native-cpu linux-x86_64)" \
                        "unless the build ran on that system; see docs/installer.md" >&2 ;;
esac
[ "$type" = app-image ] && rm -rf "${dest:?}/$name"

step jpackage
"$JAVA_HOME/bin/jpackage" "${args[@]}"
step ""
rm -rf "$work"

case "$type" in
  app-image) out="$dest/$name" ;;
  *) out="$(ls -t "$dest"/*."$type" 2>/dev/null | head -n 1)" ;;
esac
echo "build.sh: $version_line -> $out ($(du -sh "$out" | cut -f1))" >&2
