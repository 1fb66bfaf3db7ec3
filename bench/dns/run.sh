#!/usr/bin/env bash
# Bench: DNS queries per second for an intercepted name, dnsperf against the appliance and against
# dnsmasq (Debian) answering the same A record, same load, in the same run (two rounds each,
# alternating, best of each). Target: >= 0.5x dnsmasq.
source "$(dirname "$0")/../lib/common.sh"
command -v dnsperf >/dev/null || { echo "bench dns: dnsperf is missing (apt-get install dnsperf)" >&2; exit 1; }
[ -x /usr/sbin/dnsmasq ] || { echo "bench dns: dnsmasq is missing (apt-get install dnsmasq-base)" >&2; exit 1; }
AGC_PORT=15353
DNSMASQ_PORT=15354
SECONDS_PER_RUN=${DNS_BENCH_SECONDS:-10}

dir="$WORK/agc"
mkdir -p "$dir"
cat > "$dir/config.yaml" <<YAML
listen: 127.0.0.1
ports: { http: 18080, https: 18443, dns: $AGC_PORT }
admin: { listen: 127.0.0.1:19180 }
log: { level: warn }
YAML
node "$CLI" serve --config "$dir/config.yaml" --data-dir "$dir/data" --certs-dir "$dir/certs" > "$dir/out.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 200); do grep -q '^airgap-cache ready' "$dir/out.log" 2>/dev/null && break; sleep 0.05; done
grep -q '^airgap-cache ready' "$dir/out.log" || { echo "appliance did not start:" >&2; cat "$dir/out.log" >&2; exit 1; }

/usr/sbin/dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file= --user=root --port=$DNSMASQ_PORT \
  --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts --cache-size=0 \
  --address=/archive.ubuntu.com/127.0.0.1 > "$WORK/dnsmasq.log" 2>&1 &
PIDS+=("$!")
sleep 0.5

for port in $AGC_PORT $DNSMASQ_PORT; do
  got=$(dig @127.0.0.1 -p "$port" +short +time=1 +tries=3 archive.ubuntu.com A)
  [ "$got" = 127.0.0.1 ] || { echo "bench dns: server on port $port answered '$got', expected 127.0.0.1" >&2; exit 1; }
done

echo "archive.ubuntu.com A" > "$WORK/queries.txt"
qps() { # PORT -> queries per second
  dnsperf -s 127.0.0.1 -p "$1" -d "$WORK/queries.txt" -l "$SECONDS_PER_RUN" -c 4 -q 500 2>&1 | awk '/Queries per second/ { print $4 }'
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }
agc=0; dm=0
for _ in 1 2; do
  agc=$(best "$agc" "$(qps $AGC_PORT)")
  dm=$(best "$dm" "$(qps $DNSMASQ_PORT)")
done
metric "dns airgap-cache" "$(printf '%.0f' "$agc")" qps
metric "dns dnsmasq" "$(printf '%.0f' "$dm")" qps
metric "ratio dns vs dnsmasq (target >= 0.5)" "$(ratio "$agc" "$dm")"
