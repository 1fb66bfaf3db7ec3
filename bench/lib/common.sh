# Shared helpers for the bench scripts (sourced). Every bench runs inside a private network
# namespace made by bench/run.sh, so all traffic stays on loopback.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH_ROOT/.." && pwd)
CLI="$REPO/dist/cli/main.js"
WORK=${BENCH_WORK:-$(mktemp -d /tmp/agc-bench.XXXXXX)}
PIDS=()

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# start_appliance NAME [serve flags...]: serves on 127.0.0.1:18080 (http) / 18443 (https), with
# AGC_WORKERS worker processes (http.workers; default 1).
start_appliance() {
  local name=$1; shift
  local dir="$WORK/$name"
  mkdir -p "$dir"
  cat > "$dir/config.yaml" <<YAML
listen: 127.0.0.1
ports: { http: 18080, https: 18443, dns: 0 }
admin: { listen: 127.0.0.1:19180 }
log: { level: warn }
http: { workers: ${AGC_WORKERS:-1} }
YAML
  node "$CLI" serve --config "$dir/config.yaml" --data-dir "$dir/data" --certs-dir "$dir/certs" "$@" > "$dir/out.log" 2>&1 &
  APPLIANCE_PID=$!
  PIDS+=("$APPLIANCE_PID")
  for _ in $(seq 1 200); do
    grep -q '^airgap-cache ready' "$dir/out.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "appliance did not start:" >&2; cat "$dir/out.log" >&2; return 1
}

stop_appliance() {
  kill "$APPLIANCE_PID" 2>/dev/null || true
  wait "$APPLIANCE_PID" 2>/dev/null || true
}

# start_nginx ROOT PORT [ssl_cert ssl_key]: static files with sendfile, like a plain mirror.
start_nginx() {
  local root=$1 port=$2 cert=${3:-} key=${4:-}
  local conf="$WORK/nginx-$port.conf"
  local listen="listen 127.0.0.1:$port;"
  local ssl=""
  if [ -n "$cert" ]; then listen="listen 127.0.0.1:$port ssl;"; ssl="ssl_certificate $cert; ssl_certificate_key $key;"; fi
  cat > "$conf" <<NGINX
worker_processes auto;
daemon off;
pid $WORK/nginx-$port.pid;
error_log $WORK/nginx-$port.err;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { } default_type application/octet-stream;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { $listen $ssl root $root; server_name _; }
}
NGINX
  nginx -c "$conf" &
  PIDS+=("$!")
  for _ in $(seq 1 100); do curl -s -o /dev/null "http${cert:+s}://127.0.0.1:$port/" -k && return 0; sleep 0.05; done
  echo "nginx did not start" >&2; cat "$WORK/nginx-$port.err" >&2; return 1
}

# ratio A B -> A/B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.0f", a / 1048576 }'; }

# one_stream_rate URL [curl flags...] -> bytes/s, best of 3; a failed or short download fails the bench
one_stream_rate() {
  local url=$1; shift
  local best=0 r code
  for _ in 1 2 3; do
    read -r code r < <(curl -s -o /dev/null -w '%{http_code} %{speed_download}' "$@" "$url")
    [ "$code" = 200 ] || { echo "bench: $url answered $code" >&2; exit 1; }
    best=$(awk -v a="$best" -v b="$r" 'BEGIN { print (b > a) ? b : a }')
  done
  echo "$best"
}

# parallel_rate N URL BYTES [curl flags...] -> aggregate bytes/s of N concurrent downloads
parallel_rate() {
  local n=$1 url=$2 bytes=$3; shift 3
  local start end
  start=$(date +%s.%N)
  local pids=() p
  for i in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{size_download}' "$@" "$url" > "$WORK/par-$i" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  for i in $(seq 1 "$n"); do [ "$(cat "$WORK/par-$i")" = "$bytes" ] || { echo "bench: a download of $url got $(cat "$WORK/par-$i") bytes, not $bytes" >&2; exit 1; }; done
  end=$(date +%s.%N)
  awk -v n="$n" -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f\n", n * b / (e - s) }'
}

# metric NAME VALUE [UNIT]: one result line
metric() { printf '%-48s %s %s\n' "$1" "$2" "${3:-}"; }
