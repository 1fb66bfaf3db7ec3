#!/usr/bin/env bash
# Bench 4: 200 clients ask at once for one cold 500 MB object, online, from a local stand-in
# upstream (nginx on loopback). Prints the upstream fetch count (must be 1) and the total time /
# one lone fetch's time through the appliance (target <= 1.2), twice:
#  - upstream at an internet download's speed (SINGLE_FLIGHT_UPSTREAM_MBIT, default 100 Mbit/s per
#    connection, nginx limit_rate): what single flight is for; the target applies here;
#  - upstream at loopback speed (information): the lone fetch takes a second or two, so the ratio
#    measures how fast two cores deliver 200 copies (100 GB), not the fetch;
#  - and, as the machine's limit for that delivery, nginx sending the same 200 copies of a warm file.
source "$(dirname "$0")/../lib/common.sh"
# SINGLE_FLIGHT_MB shrinks the object for a quicker run; AGC_WORKERS runs the appliance multi-process;
# SINGLE_FLIGHT_ONLY=wan runs only the part the target applies to (a quicker A/B on a busy machine).
size=$((${SINGLE_FLIGHT_MB:-500} * 1000 * 1000))
mbit=${SINGLE_FLIGHT_UPSTREAM_MBIT:-100}
mkdir -p "$WORK/up/ephemeral-v3"
head -c "$size" /dev/urandom > "$WORK/up/ephemeral-v3/lone.squashfs"
for name in herd lone-wan herd-wan; do cp "$WORK/up/ephemeral-v3/lone.squashfs" "$WORK/up/ephemeral-v3/$name.squashfs"; done
conf_log="$WORK/upstream-access.log"
start_nginx "$WORK/up" 18090
# nginx's access log counts upstream fetches; the second server sends at the configured rate.
sed -i "s|access_log off;|access_log $conf_log;|" "$WORK/nginx-18090.conf"
kill -HUP "$(cat "$WORK/nginx-18090.pid")"
start_nginx "$WORK/up" 18091
sed -i "s|access_log off;|access_log $conf_log; limit_rate $((mbit * 125000));|" "$WORK/nginx-18091.conf"
kill -HUP "$(cat "$WORK/nginx-18091.pid")"; sleep 0.5

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
# The appliance's CPU time so far (user + system), s: less at the mercy of a busy machine than wall time.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$APPLIANCE_PID/stat"; }

# herd PORT LONE HERD: sets LONE_S and HERD_S, the lone fetch's time and the 200 clients' total,
# and HERD_CPU_S, the appliance's CPU time for the 200, through a fresh appliance.
herd() {
  start_appliance "agc-$1" --mode online --upstream-resolve "images.maas.io=127.0.0.1:$1"
  local t0 t1 start end cpu0 pids=()
  t0=$(date +%s.%N)
  curl -sf -o /dev/null -H 'Host: images.maas.io' "http://127.0.0.1:18080/ephemeral-v3/$2.squashfs"
  t1=$(date +%s.%N)
  start=$(date +%s.%N)
  cpu0=$(cpu_s)
  for _ in $(seq 1 200); do curl -sf -o /dev/null -H 'Host: images.maas.io' "http://127.0.0.1:18080/ephemeral-v3/$3.squashfs" & pids+=($!); done
  local failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  end=$(date +%s.%N)
  HERD_CPU_S=$(elapsed "$cpu0" "$(cpu_s)")
  stop_appliance
  [ "$failed" -eq 0 ] || { echo "$failed of 200 clients failed" >&2; exit 1; }
  LONE_S=$(elapsed "$t0" "$t1") HERD_S=$(elapsed "$start" "$end")
}

herd 18091 lone-wan herd-wan; wan_lone=$LONE_S wan_herd=$HERD_S wan_cpu=$HERD_CPU_S
if [ "${SINGLE_FLIGHT_ONLY:-}" = wan ]; then
  metric "single-flight upstream at $mbit Mbit/s: lone fetch" "$(printf %.2f "$wan_lone")" s
  metric "single-flight upstream at $mbit Mbit/s: 200 clients" "$(printf %.2f "$wan_herd")" s
  metric "single-flight upstream at $mbit Mbit/s: appliance CPU for the 200 (info)" "$(printf %.1f "$wan_cpu")" s
  metric "single-flight upstream at $mbit Mbit/s: fetches (must be 1)" "$(grep -c 'GET /ephemeral-v3/herd-wan.squashfs' "$conf_log" || true)"
  metric "ratio single-flight $mbit Mbit/s upstream, 200 clients / lone (target <= 1.2)" "$(ratio "$wan_herd" "$wan_lone")"
  exit 0
fi
herd 18090 lone herd; lo_lone=$LONE_S lo_herd=$HERD_S
wan_fetches=$(grep -c 'GET /ephemeral-v3/herd-wan.squashfs' "$conf_log" || true)
lo_fetches=$(grep -c 'GET /ephemeral-v3/herd.squashfs' "$conf_log" || true)
# The machine's limit for the delivery itself: nginx sending the same 200 copies of a warm file.
start=$(date +%s.%N)
pids=()
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:18090/ephemeral-v3/herd.squashfs" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || { echo "an nginx client failed" >&2; exit 1; }; done
nginx_herd=$(elapsed "$start" "$(date +%s.%N)")
floor=$(awk -v a="$wan_lone" -v b="$nginx_herd" 'BEGIN { print (a > b) ? a : b }')
metric "single-flight upstream at $mbit Mbit/s: lone fetch" "$(printf %.2f "$wan_lone")" s
metric "single-flight upstream at $mbit Mbit/s: 200 clients" "$(printf %.2f "$wan_herd")" s
metric "single-flight upstream at $mbit Mbit/s: appliance CPU for the 200 (info)" "$(printf %.1f "$wan_cpu")" s
metric "single-flight upstream at $mbit Mbit/s: fetches (must be 1)" "$wan_fetches"
metric "single-flight upstream at loopback speed: lone fetch (info)" "$(printf %.2f "$lo_lone")" s
metric "single-flight upstream at loopback speed: 200 clients (info)" "$(printf %.2f "$lo_herd")" s
metric "single-flight upstream at loopback speed: fetches (must be 1)" "$lo_fetches"
metric "single-flight nginx sending the same 200 copies, warm (machine limit)" "$(printf %.2f "$nginx_herd")" s
metric "ratio single-flight loopback upstream, 200 clients / lone (info: delivery-bound)" "$(ratio "$lo_herd" "$lo_lone")"
metric "ratio single-flight loopback upstream, 200 clients / nginx's 200 copies (info)" "$(ratio "$lo_herd" "$nginx_herd")"
metric "ratio single-flight $mbit Mbit/s upstream, 200 clients / lone (target <= 1.2)" "$(ratio "$wan_herd" "$wan_lone")"
metric "ratio single-flight $mbit Mbit/s upstream, 200 clients / max(lone, nginx's 200 copies) (info)" "$(ratio "$wan_herd" "$floor")"
