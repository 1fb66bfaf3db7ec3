#!/usr/bin/env bash
# A signed archive of N packages (about 100 KiB each, a dependency chain through them) for the
# apt-mix bench: OUT/ubuntu/{dists/noble,pool}, OUT/keyring.gpg.
set -euo pipefail
OUT=$1
N=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1714000000
for i in $(seq 1 "$N"); do
  name="bench-pkg$i"
  d="$work/$name"
  mkdir -p "$d/DEBIAN" "$d/usr/share/$name"
  dep=""
  [ "$i" -gt 1 ] && dep="Depends: bench-pkg$((i - 1))"
  printf 'Package: %s\nVersion: 1.0\nArchitecture: amd64\nMaintainer: Bench <b@example.invalid>\n%s\nDescription: bench package %s\n' "$name" "$dep" "$i" | sed '/^$/d' > "$d/DEBIAN/control"
  head -c 100000 /dev/urandom > "$d/usr/share/$name/payload"
  mkdir -p "$OUT/ubuntu/pool/main/b/$name"
  dpkg-deb --root-owner-group -Znone --build "$d" "$OUT/ubuntu/pool/main/b/$name/${name}_1.0_amd64.deb" > /dev/null
done
cd "$OUT/ubuntu"
mkdir -p dists/noble/main/binary-amd64
apt-ftparchive packages pool/main > dists/noble/main/binary-amd64/Packages
gzip -9nkf dists/noble/main/binary-amd64/Packages
xz -kf dists/noble/main/binary-amd64/Packages
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Bench Archive <bench@example.invalid>' ed25519 sign never 2> /dev/null
gpg --batch --quiet --export > "$OUT/keyring.gpg"
apt-ftparchive -o APT::FTPArchive::DoByHash=true -o APT::FTPArchive::Release::Origin=Ubuntu -o APT::FTPArchive::Release::Suite=noble \
  -o APT::FTPArchive::Release::Codename=noble -o APT::FTPArchive::Release::Architectures=amd64 -o APT::FTPArchive::Release::Components=main \
  release dists/noble > "$work/Release"
mv "$work/Release" dists/noble/Release
gpg --batch --quiet --yes --clearsign -o dists/noble/InRelease dists/noble/Release
gpg --batch --quiet --yes --armor --detach-sign -o dists/noble/Release.gpg dists/noble/Release
