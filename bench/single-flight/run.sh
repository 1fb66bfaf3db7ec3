#!/usr/bin/env bash
# Bench 4: 200 clients ask at once for one cold 500 MB object, online, from a local stand-in
# upstream (nginx on another loopback address). Prints the upstream fetch count (must be 1) and the
# total time / one lone fetch's time through the appliance (target <= 1.2).
source "$(dirname "$0")/../lib/common.sh"
# SINGLE_FLIGHT_MB shrinks the object for a quicker run; AGC_WORKERS runs the appliance multi-process.
size=$((${SINGLE_FLIGHT_MB:-500} * 1000 * 1000))
mkdir -p "$WORK/up/ephemeral-v3"
head -c "$size" /dev/urandom > "$WORK/up/ephemeral-v3/lone.squashfs"
cp "$WORK/up/ephemeral-v3/lone.squashfs" "$WORK/up/ephemeral-v3/herd.squashfs"
conf_log="$WORK/upstream-access.log"
start_nginx "$WORK/up" 18090
# nginx's access log counts upstream fetches.
sed -i "s|access_log off;|access_log $conf_log;|" "$WORK/nginx-18090.conf"
kill -HUP "$(cat "$WORK/nginx-18090.pid")"; sleep 0.5
start_appliance agc --mode online --upstream-resolve images.maas.io=127.0.0.1:18090
t0=$(date +%s.%N)
curl -s -o /dev/null -H 'Host: images.maas.io' http://127.0.0.1:18080/ephemeral-v3/lone.squashfs
t1=$(date +%s.%N)
lone=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
start=$(date +%s.%N)
pids=()
for _ in $(seq 1 200); do curl -s -o /dev/null -H 'Host: images.maas.io' http://127.0.0.1:18080/ephemeral-v3/herd.squashfs & pids+=($!); done
wait "${pids[@]}"
end=$(date +%s.%N)
herd=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
fetches=$(grep -c 'GET /ephemeral-v3/herd.squashfs' "$conf_log" || true)
metric "single-flight lone fetch" "$(printf %.2f "$lone")" s
metric "single-flight 200 clients" "$(printf %.2f "$herd")" s
metric "single-flight upstream fetches (must be 1)" "$fetches"
metric "ratio single-flight 200 clients / lone (target <= 1.2)" "$(ratio "$herd" "$lone")"
