#!/usr/bin/env bash
# Soak: an online appliance under mixed load for SOAK_SECONDS (default 1800): cache hits, ranges,
# misses filled from a local upstream, DNS queries, and an import every SOAK_IMPORT_EVERY seconds
# while it serves. Samples the server's RSS and open fds every 5 s and prints whether they stayed
# flat (last quarter vs first quarter) and the error count on valid requests. Exits 1 on any error
# or growth. Run through `bash bench/run.sh soak` (root, private network namespace).
source "$(dirname "$0")/lib/common.sh"
[ -n "${BENCH_WORK:-}" ] || trap 'cleanup; rm -rf "$WORK"' EXIT
SECONDS_TOTAL=${SOAK_SECONDS:-1800}
IMPORT_EVERY=${SOAK_IMPORT_EVERY:-60}
SAMPLE_EVERY=5
UPSTREAM=127.0.0.2
ip addr add "$UPSTREAM/8" dev lo 2>/dev/null || true

# A local upstream: /pool/NAME-SIZE answers SIZE bytes derived from NAME, so every miss is checkable.
cat > "$WORK/upstream.mjs" <<'JS'
import { createServer } from 'node:http';
createServer((req, res) => {
  const m = /^\/ubuntu\/pool\/([a-z0-9-]+)-(\d+)$/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  const size = Number(m[2]);
  const body = Buffer.alloc(size, m[1]);
  res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' }).end(body);
}).listen(8080, process.argv[2]);
JS
node "$WORK/upstream.mjs" "$UPSTREAM" & PIDS+=("$!")

# Cached objects for the hits and ranges: 40 files, 4 KiB to 2 MiB.
mkdir -p "$WORK/www/pool/main/s"
sizes=()
for i in $(seq 1 40); do
  size=$(( (i % 8 == 0) ? 2097152 : 4096 * i ))
  head -c "$size" /dev/urandom > "$WORK/www/pool/main/s/soak$i.deb"
  sizes+=("$size")
done
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/agc/data" ubuntu-archive "$WORK/www" /ubuntu 2>/dev/null

mkdir -p "$WORK/agc"
cat > "$WORK/agc/config.yaml" <<YAML
mode: online
listen: 127.0.0.1
ports: { http: 18080, https: 18443, dns: 18053 }
admin: { listen: 127.0.0.1:19180 }
upstreamResolve: { archive.ubuntu.com: "$UPSTREAM:8080" }
dns: { forwardRateLimit: 0 }
log: { level: warn }
YAML
node "$CLI" serve --config "$WORK/agc/config.yaml" --data-dir "$WORK/agc/data" --certs-dir "$WORK/agc/certs" > "$WORK/agc/out.log" 2>&1 &
APPLIANCE_PID=$!
PIDS+=("$APPLIANCE_PID")
for _ in $(seq 1 200); do grep -q '^airgap-cache ready' "$WORK/agc/out.log" 2>/dev/null && break; sleep 0.05; done
grep -q '^airgap-cache ready' "$WORK/agc/out.log" || { echo "soak: appliance did not start" >&2; cat "$WORK/agc/out.log" >&2; exit 1; }

END=$(( $(date +%s) + SECONDS_TOTAL ))
BASE=http://127.0.0.1:18080/ubuntu
H=(-H 'Host: archive.ubuntu.com')
mkdir -p "$WORK/res"

# worker NAME: one kind of traffic until END; writes "ok N err M" to res/NAME, failures to res/NAME.err
hits() {
  local ok=0 err=0 i want got
  while [ "$(date +%s)" -lt "$END" ]; do
    i=$(( RANDOM % 40 + 1 )); want="200 ${sizes[$((i - 1))]}"
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${H[@]}" "$BASE/pool/main/s/soak$i.deb")
    if [ "$got" = "$want" ]; then ok=$((ok + 1)); else err=$((err + 1)); echo "hit soak$i: $got, wanted $want" >> "$WORK/res/$1.err"; fi
  done
  echo "ok $ok err $err" > "$WORK/res/$1"
}
ranges() {
  local ok=0 err=0 i a n got
  while [ "$(date +%s)" -lt "$END" ]; do
    i=$(( RANDOM % 40 + 1 )); a=$(( RANDOM % 2000 )); n=$(( RANDOM % 2000 + 1 ))
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -r "$a-$((a + n - 1))" "${H[@]}" "$BASE/pool/main/s/soak$i.deb")
    if [ "$got" = "206 $n" ]; then ok=$((ok + 1)); else err=$((err + 1)); echo "range soak$i $a+$n: $got" >> "$WORK/res/$1.err"; fi
  done
  echo "ok $ok err $err" > "$WORK/res/$1"
}
misses() {
  local ok=0 err=0 k=0 size got
  while [ "$(date +%s)" -lt "$END" ]; do
    k=$((k + 1)); size=$(( (RANDOM % 64 + 1) * 1024 ))
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${H[@]}" "$BASE/pool/miss$1x$k-$size")
    if [ "$got" = "200 $size" ]; then ok=$((ok + 1)); else err=$((err + 1)); echo "miss $k: $got" >> "$WORK/res/$1.err"; fi
  done
  echo "ok $ok err $err" > "$WORK/res/$1"
}
dns() {
  local ok=0 err=0 got
  while [ "$(date +%s)" -lt "$END" ]; do
    got=$(dig +short +time=2 +tries=1 -p 18053 @127.0.0.1 archive.ubuntu.com A)
    if [ "$got" = 127.0.0.1 ]; then ok=$((ok + 1)); else err=$((err + 1)); echo "dns: $got" >> "$WORK/res/$1.err"; fi
  done
  echo "ok $ok err $err" > "$WORK/res/$1"
}
imports() {
  local ok=0 err=0 round=0
  while [ $(( $(date +%s) + 5 )) -lt "$END" ]; do
    round=$((round + 1))
    rm -rf "$WORK/imp" && mkdir -p "$WORK/imp/src/stream"
    for j in 1 2 3 4 5; do head -c $(( 65536 * j )) /dev/urandom > "$WORK/imp/src/stream/r$round-$j.img"; done
    node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/imp/origin" maas-images "$WORK/imp/src" "" 2>/dev/null
    if node "$CLI" export --config "$WORK/agc/config.yaml" --data-dir "$WORK/imp/origin" --out "$WORK/imp/b.bundle" > "$WORK/imp/out" 2>&1 &&
      node "$CLI" import "$WORK/imp/b.bundle" --config "$WORK/agc/config.yaml" --data-dir "$WORK/agc/data" >> "$WORK/imp/out" 2>&1 &&
      [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: images.maas.io' "http://127.0.0.1:18080/stream/r$round-5.img")" = 200 ]; then
      ok=$((ok + 1))
    else
      err=$((err + 1)); { echo "import round $round:"; cat "$WORK/imp/out"; } >> "$WORK/res/$1.err"
    fi
    local wake=$(( $(date +%s) + IMPORT_EVERY ))
    while [ "$(date +%s)" -lt "$wake" ] && [ "$(date +%s)" -lt "$END" ]; do sleep 1; done
  done
  echo "ok $ok err $err" > "$WORK/res/$1"
}
sample() {
  : > "$WORK/samples"
  while [ "$(date +%s)" -lt "$END" ]; do
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$APPLIANCE_PID/status")
    fds=$(ls "/proc/$APPLIANCE_PID/fd" | wc -l)
    echo "$(date +%s) $rss $fds" >> "$WORK/samples"
    sleep "$SAMPLE_EVERY"
  done
}

workers=()
hits hits1 & workers+=($!)
hits hits2 & workers+=($!)
ranges ranges1 & workers+=($!)
misses misses1 & workers+=($!)
dns dns1 & workers+=($!)
imports imports1 & workers+=($!)
sample & workers+=($!)
echo "soak: ${SECONDS_TOTAL}s of hits, ranges, misses, DNS and an import every ${IMPORT_EVERY}s (appliance pid $APPLIANCE_PID)"
for w in "${workers[@]}"; do wait "$w"; done

kill -0 "$APPLIANCE_PID" 2>/dev/null || { echo "soak: the appliance died" >&2; tail -20 "$WORK/agc/out.log" >&2; exit 1; }
total_ok=0 total_err=0
for f in "$WORK"/res/*; do
  case $f in *.err) continue ;; esac
  read -r _ ok _ err < "$f"
  metric "soak $(basename "$f") ok" "$ok" requests
  metric "soak $(basename "$f") errors" "$err"
  total_ok=$((total_ok + ok)); total_err=$((total_err + err))
done
for f in "$WORK"/res/*.err; do [ -e "$f" ] && { echo "-- $(basename "$f") (first 5)"; head -5 "$f"; }; done

# Flat: the median of the last quarter of samples against the first quarter's (the very first
# sample, taken during warm-up, left out).
n=$(wc -l < "$WORK/samples")
q=$(( n / 4 )); [ "$q" -ge 1 ] || q=1
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column() { awk -v c="$1" '{ print $c }'; }
rss0=$(tail -n +2 "$WORK/samples" | head -n "$q" | column 2 | median)
rss1=$(tail -n "$q" "$WORK/samples" | column 2 | median)
fd0=$(tail -n +2 "$WORK/samples" | head -n "$q" | column 3 | median)
fd1=$(tail -n "$q" "$WORK/samples" | column 3 | median)
metric "soak samples" "$n"
metric "soak rss first quarter (median)" "$((rss0 / 1024))" MiB
metric "soak rss last quarter (median)" "$((rss1 / 1024))" MiB
metric "soak open fds first quarter (median)" "$fd0"
metric "soak open fds last quarter (median)" "$fd1"
flat=yes
[ "$rss1" -le $(( rss0 + rss0 / 5 + 20480 )) ] || flat=no
[ "$fd1" -le $(( fd0 + 8 )) ] || flat=no
metric "soak rss and fds flat" "$flat"
metric "soak valid requests" "$total_ok"
metric "soak errors on valid requests" "$total_err"
[ "$flat" = yes ] && [ "$total_err" = 0 ]
