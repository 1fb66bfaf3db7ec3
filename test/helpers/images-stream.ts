// A stream laid out like images.maas.io/ephemeral-v3/stable (spec apt-simplestreams.md B2, D3):
// index + v3 download products (releases x arches, ga/hwe kernels sharing one squashfs) +
// bootloader products, random payloads with correct sha256/size, every metadata file clear-signed
// with a key made here (gpg --batch) and exported as a binary keyring. Writing a newer set into
// the same directory keeps the payloads of versions already there byte for byte.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StreamKey {
  gnupg: string;
  keyring: string;
}

export interface FixtureItem {
  contentId: string;
  product: string;
  version: string;
  item: string;
  ftype: string;
  path: string;
  sha256: string;
  size: number;
  attrs: Record<string, string>;
}

export interface StreamFixture {
  /** The web root a static upstream serves (http://images.maas.io/ maps to it). */
  www: string;
  /** The stream root on disk: www/ephemeral-v3/stable. */
  root: string;
  key: StreamKey;
  items: FixtureItem[];
}

export interface StreamOptions {
  versions: string[];
  releases?: { release: string; version: string; codename: string }[];
  arches?: string[];
  /** Bytes of each squashfs (kernels and initrds are smaller). */
  squashfsBytes?: number;
  bootloaderVersion?: string;
  key?: StreamKey;
  stream?: string;
}

const V3 = 'com.ubuntu.maas:stable:v3:download';
const BOOT = 'com.ubuntu.maas:stable:1:bootloader-download';

export function makeStreamKey(dir: string): StreamKey {
  const gnupg = join(dir, 'gnupg');
  mkdirSync(gnupg, { recursive: true, mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: gnupg };
  execFileSync('gpg', ['--batch', '--quiet', '--passphrase', '', '--quick-gen-key', 'Fake MAAS Images <images@example.invalid>', 'ed25519', 'sign', 'never'], { env, stdio: 'ignore' });
  const keyring = join(dir, 'fake-cloudimage-keyring.gpg');
  writeFileSync(keyring, execFileSync('gpg', ['--batch', '--quiet', '--export'], { env }));
  return { gnupg, keyring };
}

export function makeImagesStream(dir: string, opts: StreamOptions): StreamFixture {
  const www = join(dir, 'www');
  const stream = opts.stream ?? 'ephemeral-v3/stable';
  const root = join(www, stream);
  const key = opts.key ?? makeStreamKey(dir);
  const items: FixtureItem[] = [];
  const payload = (rel: string, size: number): { sha256: string; size: number } => {
    const file = join(root, rel);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(size));
    }
    const body = readFileSync(file);
    return { sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
  };
  const releases = opts.releases ?? [
    { release: 'jammy', version: '22.04', codename: 'Jammy Jellyfish' },
    { release: 'noble', version: '24.04', codename: 'Noble Numbat' },
  ];
  const v3: Record<string, object> = {};
  for (const r of releases) {
    for (const arch of opts.arches ?? ['amd64', 'arm64']) {
      for (const kind of ['ga', 'hwe']) {
        const subarch = `${kind}-${r.version}`;
        const name = `com.ubuntu.maas.stable:v3:boot:${r.version}:${arch}:${subarch}`;
        const attrs = { arch, os: 'ubuntu', release: r.release, version: r.version, subarch, subarches: `generic,${subarch}`, kflavor: 'generic', krel: r.release, label: 'stable', release_codename: r.codename, release_title: `${r.version} LTS`, support_eol: '2034-04-25' };
        const versions: Record<string, object> = {};
        for (const v of opts.versions) {
          const files: [string, string, number][] = [
            ['boot-kernel', `${r.release}/${arch}/${v}/${subarch}/generic/boot-kernel`, 40_000],
            ['boot-initrd', `${r.release}/${arch}/${v}/${subarch}/generic/boot-initrd`, 90_000],
            ['squashfs', `${r.release}/${arch}/${v}/squashfs`, opts.squashfsBytes ?? 300_000],
            ['manifest', `${r.release}/${arch}/${v}/squashfs.manifest`, 2_000],
          ];
          const vitems: Record<string, object> = {};
          for (const [ftype, path, size] of files) {
            const p = payload(path, size);
            vitems[ftype] = { ftype, path, sha256: p.sha256, size: p.size };
            items.push({ contentId: V3, product: name, version: v, item: ftype, ftype, path, ...p, attrs });
          }
          versions[v] = { items: vitems };
        }
        v3[name] = { ...attrs, versions };
      }
    }
  }
  const bv = opts.bootloaderVersion ?? '20210819.0';
  const loaders: [string, Record<string, string>, [string, string][]][] = [
    ['com.ubuntu.maas.stable:1:grub-efi-signed:uefi:amd64', { os: 'grub-efi-signed', arch: 'amd64', arches: 'amd64', 'bootloader-type': 'uefi', label: 'stable' }, [['grub2-signed', `bootloaders/uefi/amd64/${bv}/grub2-signed.tar.xz`], ['shim-signed', `bootloaders/uefi/amd64/${bv}/shim-signed.tar.xz`]]],
    ['com.ubuntu.maas.stable:1:grub-efi:uefi:arm64', { os: 'grub-efi', arch: 'arm64', arches: 'arm64', 'bootloader-type': 'uefi', label: 'stable' }, [['grub2', `bootloaders/uefi/arm64/${bv}/grub2.tar.xz`]]],
    ['com.ubuntu.maas.stable:1:pxelinux:pxe:i386', { os: 'pxelinux', arch: 'i386', arches: 'i386,amd64', 'bootloader-type': 'pxe', label: 'stable' }, [['syslinux', `bootloaders/pxe/i386/${bv}/syslinux.tar.xz`]]],
  ];
  const boot: Record<string, object> = {};
  for (const [name, attrs, files] of loaders) {
    const vitems: Record<string, object> = {};
    for (const [item, path] of files) {
      const p = payload(path, 30_000);
      vitems[item] = { ftype: 'archive.tar.xz', path, sha256: p.sha256, size: p.size, src_package: item, src_version: '1.0' };
      items.push({ contentId: BOOT, product: name, version: bv, item, ftype: 'archive.tar.xz', path, ...p, attrs });
    }
    boot[name] = { ...attrs, versions: { [bv]: { items: vitems } } };
  }
  const updated = new Date().toUTCString().replace('GMT', '+0000');
  const v1 = join(root, 'streams/v1');
  mkdirSync(v1, { recursive: true });
  const docs: [string, Record<string, object>][] = [
    [V3, v3],
    [BOOT, boot],
  ];
  const index: Record<string, object> = {};
  for (const [cid, prods] of docs) {
    writeJson(join(v1, `${cid}.json`), { content_id: cid, datatype: 'image-ids', format: 'products:1.0', updated, products: prods });
    sign(key, join(v1, `${cid}.json`), join(v1, `${cid}.sjson`));
    index[cid] = { datatype: 'image-ids', format: 'products:1.0', path: `streams/v1/${cid}.json`, products: Object.keys(prods), updated };
  }
  writeJson(join(v1, 'index.json'), { format: 'index:1.0', index, updated });
  const signedIndex = Object.fromEntries(Object.entries(index).map(([cid, e]) => [cid, { ...e, path: `streams/v1/${cid}.sjson` }]));
  writeJson(join(dir, 'index-for-sjson.json'), { format: 'index:1.0', index: signedIndex, updated });
  sign(key, join(dir, 'index-for-sjson.json'), join(v1, 'index.sjson'));
  return { www, root, key, items };
}

function writeJson(file: string, doc: object): void {
  writeFileSync(file, JSON.stringify(doc, null, 1) + '\n');
}

function sign(key: StreamKey, input: string, output: string): void {
  execFileSync('gpg', ['--batch', '--quiet', '--yes', '--clearsign', '-o', output, input], { env: { ...process.env, GNUPGHOME: key.gnupg }, stdio: 'ignore' });
}

/** A fresh stream in its own directory that lives as long as the test file (tempDir() is per test). */
export function imagesFixture(opts: StreamOptions): StreamFixture {
  return makeImagesStream(mkdtempSync(join(tmpdir(), 'agc-images-')), opts);
}
