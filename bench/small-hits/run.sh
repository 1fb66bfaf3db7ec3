#!/usr/bin/env bash
# Bench 2: small hits (16 KiB, APT-index sized) with keep-alive, 64 connections (wrk), vs nginx
# and vs apt-cacher-ng (Offlinemode: 1, the same files in its cache). Targets: >= 0.5x nginx,
# >= 1.5x apt-cacher-ng. The appliance runs as one process, then with SMALL_HITS_WORKERS (default
# 2) worker processes (http.workers) on the same store.
source "$(dirname "$0")/../lib/common.sh"
files=200
mkdir -p "$WORK/www/ubuntu/pool/main/b"
for i in $(seq 1 $files); do head -c 16384 /dev/urandom > "$WORK/www/ubuntu/pool/main/b/bench$i.deb"; done
start_appliance agc
stop_appliance
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/agc/data" ubuntu-archive "$WORK/www" "" 2>/dev/null
start_appliance agc
start_nginx "$WORK/www" 18081

# apt-cacher-ng: fill its cache through it from nginx, then restart it offline.
acng_conf="$WORK/acng"
mkdir -p "$acng_conf" "$WORK/acng-cache" "$WORK/acng-log"
cat > "$acng_conf/acng.conf" <<ACNG
CacheDir: $WORK/acng-cache
LogDir: $WORK/acng-log
Port: 13142
BindAddress: 127.0.0.1
ExThreshold: 4
AllowUserPorts: 80 18081
ACNG
run_acng() { /usr/sbin/apt-cacher-ng -c "$acng_conf" ForeGround=1 "$@" > "$WORK/acng-log/out.log" 2>&1 & ACNG_PID=$!; PIDS+=("$ACNG_PID"); sleep 1; }
run_acng
for i in $(seq 1 $files); do curl -s -o /dev/null "http://127.0.0.1:13142/127.0.0.1:18081/ubuntu/pool/main/b/bench$i.deb"; done
kill "$ACNG_PID"; wait "$ACNG_PID" 2>/dev/null || true
run_acng Offlinemode=1
check=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:13142/127.0.0.1:18081/ubuntu/pool/main/b/bench1.deb")
[ "$check" = "200 16384" ] || { echo "apt-cacher-ng did not serve from its cache: $check" >&2; exit 1; }

lua="$WORK/paths.lua"
cat > "$lua" <<LUA
local n = 0
request = function()
  n = n % $files + 1
  return wrk.format("GET", wrk.path_prefix .. "bench" .. n .. ".deb")
end
LUA
rate() { # URL PATH_PREFIX [HOST]
  local hostflag=()
  [ -n "${3:-}" ] && hostflag=(-H "Host: $3")
  sed -i "s|^  return wrk.format(\"GET\", .*|  return wrk.format(\"GET\", \"$2\" .. \"bench\" .. n .. \".deb\")|" "$lua"
  wrk -t2 -c64 -d"${SMALL_HITS_SECONDS:-5}"s -s "$lua" "${hostflag[@]}" "$1" | awk '/Requests\/sec/ { print $2 }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The same store served by workers on 127.0.0.2, so the three servers can take turns: on a shared
# machine the load drifts between runs, and rounds of A, B, C (medians kept) keep the ratios fair.
workers=${SMALL_HITS_WORKERS:-2}
one_pid=$APPLIANCE_PID
mkdir -p "$WORK/agcw"
ln -s "$WORK/agc/data" "$WORK/agcw/data"
AGC_WORKERS=$workers start_appliance agcw --listen 127.0.0.2 --admin-listen 127.0.0.1:19181
rounds=${SMALL_HITS_ROUNDS:-3}
agcs="" agcws="" ngxs=""
for _ in $(seq 1 "$rounds"); do
  agcs+=" $(rate http://127.0.0.1:18080 /ubuntu/pool/main/b/ archive.ubuntu.com)"
  agcws+=" $(rate http://127.0.0.2:18080 /ubuntu/pool/main/b/ archive.ubuntu.com)"
  ngxs+=" $(rate http://127.0.0.1:18081 /ubuntu/pool/main/b/)"
done
echo "rounds (req/s): one process:$agcs; $workers workers:$agcws; nginx:$ngxs"
agc=$(echo "$agcs" | median)
agcw=$(echo "$agcws" | median)
ngx=$(echo "$ngxs" | median)
acng=$(rate http://127.0.0.1:13142 /127.0.0.1:18081/ubuntu/pool/main/b/)
kill "$one_pid" 2>/dev/null || true
metric "small-hits airgap-cache" "$agc" req/s
metric "small-hits airgap-cache, $workers workers" "$agcw" req/s
metric "small-hits nginx" "$ngx" req/s
metric "small-hits apt-cacher-ng" "$acng" req/s
metric "ratio small-hits vs nginx (target >= 0.5)" "$(ratio "$agc" "$ngx")"
metric "ratio small-hits vs apt-cacher-ng (target >= 1.5)" "$(ratio "$agc" "$acng")"
metric "ratio small-hits $workers workers vs nginx (target >= 0.5)" "$(ratio "$agcw" "$ngx")"
metric "ratio small-hits $workers workers vs apt-cacher-ng" "$(ratio "$agcw" "$acng")"
metric "ratio small-hits $workers workers vs 1 process" "$(ratio "$agcw" "$agc")"
