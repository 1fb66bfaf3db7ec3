#!/usr/bin/env bash
# Builds a small signed archive laid out like Ubuntu's, for the APT tests (spec D1):
#   OUT/ubuntu/{dists,pool}         noble, noble-updates, noble-security; main + universe; amd64
#   OUT/ubuntu-ports/{dists,pool}   noble main arm64
#   OUT/keyring.gpg                 the binary public keyring that signs both (signed-by=, gpgv)
# A second argument `v2` makes the next snapshot: noble main gains the package newtool.
# with dependencies, a version bump in -updates, a virtual package and Recommends to resolve.
set -euo pipefail
OUT=$1
VARIANT=${2:-v1}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d)
# Same name, same bytes, as in Ubuntu's pool: every build of a package is byte-identical.
export SOURCE_DATE_EPOCH=1714000000
trap 'rm -rf "$work"' EXIT

# deb NAME VERSION ARCH TREE COMPONENT [Control lines...]
deb() {
  local name=$1 version=$2 arch=$3 tree=$4 comp=$5; shift 5
  local dir="$work/pkg/$name-$version-$arch"
  mkdir -p "$dir/DEBIAN" "$dir/usr/share/doc/$name"
  {
    echo "Package: $name"; echo "Version: $version"; echo "Architecture: $arch"
    echo "Maintainer: Test <test@example.invalid>"
    for l in "$@"; do echo "$l"; done
    echo "Description: $name test package"
  } > "$dir/DEBIAN/control"
  echo "$name $version" > "$dir/usr/share/doc/$name/README"
  local pool="$OUT/$tree/pool/$comp/${name:0:1}/$name"
  mkdir -p "$pool"
  dpkg-deb --root-owner-group -Zgzip --build "$dir" "$pool/${name}_${version}_${arch}.deb" > /dev/null
}

# stanza TREE DEBPATH: a Packages paragraph for one .deb
stanza() {
  local tree=$1 file=$2
  dpkg-deb -f "$OUT/$tree/$file" | grep -v '^Description:'
  echo "Filename: $file"
  echo "Size: $(stat -c %s "$OUT/$tree/$file")"
  echo "MD5sum: $(md5sum < "$OUT/$tree/$file" | cut -d' ' -f1)"
  echo "SHA256: $(sha256sum < "$OUT/$tree/$file" | cut -d' ' -f1)"
  echo "Description: $(dpkg-deb -f "$OUT/$tree/$file" Description)"
  echo
}

# index TREE SUITE COMP ARCH DEBPATH...: Packages (+ .gz, .xz) for one component and architecture
index() {
  local tree=$1 suite=$2 comp=$3 arch=$4; shift 4
  local dir="$OUT/$tree/dists/$suite/$comp/binary-$arch"
  mkdir -p "$dir"
  : > "$dir/Packages"
  for f in "$@"; do stanza "$tree" "$f" >> "$dir/Packages"; done
  gzip -9nkf "$dir/Packages"
  xz -kf "$dir/Packages"
  printf 'Archive: %s\nComponent: %s\nArchitecture: %s\n' "$suite" "$comp" "$arch" > "$dir/Release"
}

deb base-files 13ubuntu10 amd64 ubuntu main "Priority: required"
deb libgreet1 1.0-1 amd64 ubuntu main "Priority: optional"
deb libgreet1 1.1-1 amd64 ubuntu main "Priority: optional"
deb hello 2.10-3 amd64 ubuntu main "Priority: optional" "Depends: libgreet1 (>= 1.1), greeting-backend" "Recommends: hello-doc"
deb hello-doc 2.10-3 all ubuntu main "Priority: optional"
deb greeter 1.0 amd64 ubuntu main "Priority: optional" "Provides: greeting-backend"
deb unseeded 1.0 amd64 ubuntu main "Priority: optional"
deb extra-tool 0.5 amd64 ubuntu universe "Priority: optional" "Depends: hello"
deb base-files 13ubuntu10 arm64 ubuntu-ports main "Priority: required"
deb hello 2.10-3 arm64 ubuntu-ports main "Priority: optional"

noble_main=(pool/main/b/base-files/base-files_13ubuntu10_amd64.deb pool/main/l/libgreet1/libgreet1_1.0-1_amd64.deb
  pool/main/h/hello/hello_2.10-3_amd64.deb pool/main/h/hello-doc/hello-doc_2.10-3_all.deb
  pool/main/g/greeter/greeter_1.0_amd64.deb pool/main/u/unseeded/unseeded_1.0_amd64.deb)
if [ "$VARIANT" = v2 ]; then
  deb newtool 1.0 amd64 ubuntu main "Priority: optional" "Depends: hello"
  noble_main+=(pool/main/n/newtool/newtool_1.0_amd64.deb)
fi
index ubuntu noble main amd64 "${noble_main[@]}"
index ubuntu noble universe amd64 pool/universe/e/extra-tool/extra-tool_0.5_amd64.deb
index ubuntu noble-updates main amd64 pool/main/l/libgreet1/libgreet1_1.1-1_amd64.deb
index ubuntu noble-updates universe amd64
index ubuntu noble-security main amd64 pool/main/l/libgreet1/libgreet1_1.1-1_amd64.deb
index ubuntu noble-security universe amd64
index ubuntu-ports noble main arm64 pool/main/b/base-files/base-files_13ubuntu10_arm64.deb pool/main/h/hello/hello_2.10-3_arm64.deb

export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Test Archive Signing Key <archive@example.invalid>' ed25519 sign never 2> /dev/null
gpg --batch --quiet --export > "$OUT/keyring.gpg"

# release TREE SUITE ARCHS COMPONENTS
release() {
  local tree=$1 suite=$2 archs=$3 comps=$4
  local d="$OUT/$tree/dists/$suite"
  apt-ftparchive -o APT::FTPArchive::DoByHash=true \
    -o APT::FTPArchive::Release::Origin=Ubuntu -o APT::FTPArchive::Release::Label=Ubuntu \
    -o APT::FTPArchive::Release::Suite="$suite" -o APT::FTPArchive::Release::Codename=noble \
    -o APT::FTPArchive::Release::Architectures="$archs" -o APT::FTPArchive::Release::Components="$comps" \
    -o APT::FTPArchive::Release::Date="$([ "$VARIANT" = v2 ] && echo 'Fri, 26 Apr 2024 09:00:00 UTC' || echo 'Thu, 25 Apr 2024 15:10:33 UTC')" \
    release "$d" > "$work/Release"
  mv "$work/Release" "$d/Release"
  gpg --batch --quiet --yes --clearsign -o "$d/InRelease" "$d/Release"
  gpg --batch --quiet --yes --armor --detach-sign -o "$d/Release.gpg" "$d/Release"
}
release ubuntu noble amd64 "main universe"
release ubuntu noble-updates amd64 "main universe"
release ubuntu noble-security amd64 "main universe"
release ubuntu-ports noble arm64 main
echo "apt archive ready in $OUT"
