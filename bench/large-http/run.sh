#!/usr/bin/env bash
# Bench 1: a 1 GiB cached file (in page cache) over HTTP, 1 stream and 16 streams, vs nginx
# (sendfile on) serving the same file. Targets: >= 0.6x nginx on 1 stream, >= 0.8x on 16.
source "$(dirname "$0")/../lib/common.sh"
size=$((1024 * 1024 * 1024))
mkdir -p "$WORK/www/ephemeral-v3"
head -c "$size" /dev/urandom > "$WORK/www/ephemeral-v3/big.squashfs"
start_appliance agc
stop_appliance
node "$BENCH_ROOT/lib/put-objects.mjs" "$WORK/agc/data" maas-images "$WORK/www" "" 2>/dev/null
start_appliance agc
start_nginx "$WORK/www" 18081
cat "$WORK/www/ephemeral-v3/big.squashfs" > /dev/null
agc_url=http://127.0.0.1:18080/ephemeral-v3/big.squashfs
ngx_url=http://127.0.0.1:18081/ephemeral-v3/big.squashfs
agc1=$(one_stream_rate "$agc_url" -H 'Host: images.maas.io')
ngx1=$(one_stream_rate "$ngx_url")
agc16=$(parallel_rate 16 "$agc_url" "$size" -H 'Host: images.maas.io')
ngx16=$(parallel_rate 16 "$ngx_url" "$size")
metric "large-http 1 stream airgap-cache" "$(mb "$agc1")" MiB/s
metric "large-http 1 stream nginx" "$(mb "$ngx1")" MiB/s
metric "large-http 16 streams airgap-cache" "$(mb "$agc16")" MiB/s
metric "large-http 16 streams nginx" "$(mb "$ngx16")" MiB/s
metric "ratio large-http 1 stream (target >= 0.6)" "$(ratio "$agc1" "$ngx1")"
metric "ratio large-http 16 streams (target >= 0.8)" "$(ratio "$agc16" "$ngx16")"
