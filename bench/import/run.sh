#!/usr/bin/env bash
# Bench: import of a ~2 GiB bundle (3 image-sized payloads and 512 package-sized ones, made with
# `airgap-cache export`) into an empty store, vs `cp` of the same bundle on the same disk followed
# by an fsync of the copy (an import is durable when it returns, so the copy must be too). Page
# cache dropped before every timed run when the kernel allows it. Best of two each.
# Target: import throughput >= 0.8x cp's.
source "$(dirname "$0")/../lib/common.sh"
# Gigabytes of scratch: gone when the bench ends (unless BENCH_WORK names a directory to keep).
[ -n "${BENCH_WORK:-}" ] || trap 'cleanup; rm -rf "$WORK"' EXIT
# Its own configuration, so the bench depends on nothing but the built-in defaults.
printf 'log: { level: warn }\n' > "$WORK/config.yaml"
BIG_MIB=${BIG_MIB:-640}
SMALL_KIB=${SMALL_KIB:-256}
SMALL_COUNT=${SMALL_COUNT:-512}

mkdir -p "$WORK/src/ephemeral-v3/noble/amd64" "$WORK/src/pool"
for i in 1 2 3; do head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom > "$WORK/src/ephemeral-v3/noble/amd64/squashfs-$i"; done
head -c "$((SMALL_KIB * 1024 * SMALL_COUNT))" /dev/urandom | split -b "$((SMALL_KIB * 1024))" -a 3 - "$WORK/src/pool/pkg-"
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/origin" maas-images "$WORK/src" "" 2>/dev/null
rm -rf "$WORK/src"
node "$CLI" export --config "$WORK/config.yaml" --data-dir "$WORK/origin" --out "$WORK/bench.bundle" > "$WORK/export.out" 2>&1 || { cat "$WORK/export.out" >&2; exit 1; }
rm -rf "$WORK/origin"
bytes=$(stat -c %s "$WORK/bench.bundle")

cold() {
  sync
  echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || cat "$WORK/bench.bundle" > /dev/null
}

elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f\n", e - s }'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }

imp="" copy="" copy_nosync=""
for round in 1 2; do
  rm -rf "$WORK/data" "$WORK/copy.bundle"
  cold
  s=$(date +%s.%N)
  node "$CLI" import "$WORK/bench.bundle" --config "$WORK/config.yaml" --data-dir "$WORK/data" > "$WORK/import.out" 2>&1 || { cat "$WORK/import.out" >&2; exit 1; }
  e=$(date +%s.%N)
  imp=$(best "$imp" "$(elapsed "$s" "$e")")

  cold
  s=$(date +%s.%N)
  cp "$WORK/bench.bundle" "$WORK/copy.bundle"
  m=$(date +%s.%N)
  sync "$WORK/copy.bundle"
  e=$(date +%s.%N)
  copy=$(best "$copy" "$(elapsed "$s" "$e")")
  copy_nosync=$(best "$copy_nosync" "$(elapsed "$s" "$m")")
done
grep -q 'added 515' "$WORK/import.out" || { echo "import did not import everything:" >&2; cat "$WORK/import.out" >&2; exit 1; }

metric "import bundle size" "$(mb "$bytes")" MiB
metric "import airgap-cache import (best of 2)" "$imp" s
metric "import cp + fsync of the copy (best of 2)" "$copy" s
metric "import cp alone, not yet on disk (best of 2)" "$copy_nosync" s
metric "import airgap-cache throughput" "$(mb "$(awk -v b="$bytes" -v t="$imp" 'BEGIN { print b / t }')")" MiB/s
metric "ratio import vs cp without fsync (info)" "$(ratio "$copy_nosync" "$imp")"
metric "ratio import vs cp + fsync (target >= 0.8)" "$(ratio "$copy" "$imp")"
