#!/usr/bin/env bash
# Bench 8: 50 isolated apt-get clients run `update` + `install --download-only` of the same 100
# packages at once, by the real host name, through the appliance (offline, the archive imported)
# and through nginx serving the same tree statically. Wall time of each, and the ratio.
source "$(dirname "$0")/../lib/common.sh"
if [ -z "${AGC_APT_MIX_INNER:-}" ]; then
  export AGC_APT_MIX_INNER=1 BENCH_WORK="$WORK"
  exec unshare --mount --propagation private -- bash "$0"
fi
clients=${APT_MIX_CLIENTS:-50}
packages=${APT_MIX_PACKAGES:-100}
bash "$BENCH_ROOT/apt-mix/make-archive.sh" "$WORK/archive" "$packages"
printf '127.0.0.1 localhost\n127.0.0.1 archive.ubuntu.com\n' > "$WORK/hosts"
mount --bind "$WORK/hosts" /etc/hosts

make_client() { # DIR
  local c=$1
  mkdir -p "$c/etc/apt/apt.conf.d" "$c/etc/apt/preferences.d" "$c/etc/apt/sources.list.d" "$c/state/lists/partial" "$c/cache/archives/partial" "$c/log"
  : > "$c/status"
  cat > "$c/apt.conf" <<CONF
Dir::Etc "$c/etc/apt"; Dir::State "$c/state"; Dir::State::status "$c/status"; Dir::Cache "$c/cache"; Dir::Log "$c/log";
APT::Architecture "amd64"; APT::Architectures { "amd64"; }; Acquire::Languages "none"; APT::Sandbox::User "root"; Acquire::Retries "0";
CONF
  echo "deb [signed-by=$WORK/archive/keyring.gpg] http://archive.ubuntu.com/ubuntu noble main" > "$c/etc/apt/sources.list"
}

run_clients() { # LABEL -> seconds
  local label=$1 start end fails=0 pids=()
  rm -rf "$WORK/clients-$label"
  for i in $(seq 1 "$clients"); do make_client "$WORK/clients-$label/$i"; done
  start=$(date +%s.%N)
  for i in $(seq 1 "$clients"); do
    ( c="$WORK/clients-$label/$i"
      APT_CONFIG="$c/apt.conf" apt-get -qq update > "$c/out" 2>&1 &&
      APT_CONFIG="$c/apt.conf" apt-get -qq install -y --download-only -o Debug::NoLocking=1 "bench-pkg$packages" >> "$c/out" 2>&1 ) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
  end=$(date +%s.%N)
  [ "$fails" -eq 0 ] || { echo "$fails $label clients failed; first: $(cat "$WORK/clients-$label/1/out")" >&2; exit 1; }
  [ "$(ls "$WORK/clients-$label/1/cache/archives/"*.deb | wc -l)" -eq "$packages" ] || { echo "$label: not all packages downloaded" >&2; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

dir="$WORK/agc"
mkdir -p "$dir"
printf 'listen: 127.0.0.1\nports: { http: 80, https: 443, dns: 0 }\nadmin: { listen: 127.0.0.1:19180 }\nlog: { level: warn }\n' > "$dir/config.yaml"
node "$CLI" import "$WORK/archive/ubuntu" --config "$dir/config.yaml" --data-dir "$dir/data" --apt-keyring "$WORK/archive/keyring.gpg" > /dev/null
node "$CLI" serve --config "$dir/config.yaml" --data-dir "$dir/data" --certs-dir "$dir/certs" > "$dir/out.log" 2>&1 &
agc_pid=$!
PIDS+=("$agc_pid")
for _ in $(seq 1 200); do grep -q '^airgap-cache ready' "$dir/out.log" && break; sleep 0.05; done
agc=$(run_clients agc)
kill "$agc_pid"; wait "$agc_pid" 2>/dev/null || true

start_nginx "$WORK/archive" 80
ngx=$(run_clients nginx)
metric "apt-mix clients x packages" "${clients} x ${packages}"
metric "apt-mix airgap-cache wall time" "$agc" s
metric "apt-mix nginx wall time" "$ngx" s
metric "ratio apt-mix nginx time / airgap-cache time (>= 1 is as fast)" "$(ratio "$ngx" "$agc")"
