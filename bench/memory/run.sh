#!/usr/bin/env bash
# Bench 5: peak RSS of the appliance while 100 clients each read a 1 GiB object (target <= 200 MB).
source "$(dirname "$0")/../lib/common.sh"
size=$((1024 * 1024 * 1024))
mkdir -p "$WORK/www/ephemeral-v3"
head -c "$size" /dev/urandom > "$WORK/www/ephemeral-v3/big.squashfs"
start_appliance agc
stop_appliance
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/agc/data" maas-images "$WORK/www" "" 2>/dev/null
start_appliance agc
idle=$(awk '/VmRSS/ { print $2 }' "/proc/$APPLIANCE_PID/status")
peak=0
pids=()
for _ in $(seq 1 100); do curl -s -o /dev/null --limit-rate 40M -H 'Host: images.maas.io' http://127.0.0.1:18080/ephemeral-v3/big.squashfs & pids+=($!); done
while kill -0 "${pids[0]}" 2>/dev/null || jobs -r | grep -q curl; do
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$APPLIANCE_PID/status")
  [ "$rss" -gt "$peak" ] && peak=$rss
  sleep 0.2
  [ "$(jobs -r | grep -c curl)" -eq 0 ] && break
done
wait "${pids[@]}" 2>/dev/null || true
metric "memory idle RSS" "$((idle / 1024))" MB
metric "memory peak RSS, 100 clients x 1 GiB" "$((peak / 1024))" MB
metric "ratio memory peak / 200 MB target (target <= 1.0)" "$(ratio "$((peak / 1024))" 200)"
