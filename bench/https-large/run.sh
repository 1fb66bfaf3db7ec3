#!/usr/bin/env bash
# Bench 3: a 1 GiB file over HTTPS, one stream, vs nginx with TLS on the same certificate and
# key the appliance issued for the name. Target >= 0.6x nginx.
source "$(dirname "$0")/../lib/common.sh"
size=$((1024 * 1024 * 1024))
mkdir -p "$WORK/www/ubuntu/pool"
head -c "$size" /dev/urandom > "$WORK/www/ubuntu/pool/big.deb"
start_appliance agc
stop_appliance
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/agc/data" ubuntu-archive "$WORK/www" "" 2>/dev/null
start_appliance agc
ca="$WORK/agc/certs/ca.crt"
# One request makes the appliance issue the leaf for the name; nginx then serves with the same pair.
curl -s -o /dev/null --cacert "$ca" --resolve archive.ubuntu.com:18443:127.0.0.1 https://archive.ubuntu.com:18443/ubuntu/pool/big.deb -r 0-0
start_nginx "$WORK/www" 18444 "$WORK/agc/certs/leaf/archive.ubuntu.com.crt" "$WORK/agc/certs/leaf/leaf.key"
cat "$WORK/www/ubuntu/pool/big.deb" > /dev/null
agc=$(one_stream_rate https://archive.ubuntu.com:18443/ubuntu/pool/big.deb --cacert "$ca" --resolve archive.ubuntu.com:18443:127.0.0.1)
ngx=$(one_stream_rate https://archive.ubuntu.com:18444/ubuntu/pool/big.deb --cacert "$ca" --resolve archive.ubuntu.com:18444:127.0.0.1)
agc4=$(parallel_rate 4 https://archive.ubuntu.com:18443/ubuntu/pool/big.deb "$size" --cacert "$ca" --resolve archive.ubuntu.com:18443:127.0.0.1)
ngx4=$(parallel_rate 4 https://archive.ubuntu.com:18444/ubuntu/pool/big.deb "$size" --cacert "$ca" --resolve archive.ubuntu.com:18444:127.0.0.1)
metric "https-large 1 stream airgap-cache" "$(mb "$agc")" MiB/s
metric "https-large 1 stream nginx" "$(mb "$ngx")" MiB/s
metric "https-large 4 streams airgap-cache" "$(mb "$agc4")" MiB/s
metric "https-large 4 streams nginx" "$(mb "$ngx4")" MiB/s
metric "ratio https-large 1 stream (target >= 0.6)" "$(ratio "$agc" "$ngx")"
metric "ratio https-large 4 streams" "$(ratio "$agc4" "$ngx4")"
