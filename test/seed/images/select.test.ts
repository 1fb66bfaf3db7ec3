import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProduct, isBootloader, selectItems } from '../../../src/seed/images/select.js';
import { parseFilters } from '../../../src/sites/images/filters.js';
import { parseProducts, type ProductsDoc } from '../../../src/sites/images/stream-docs.js';
import { imagesFixture } from '../../helpers/images-stream.js';

let docs: ProductsDoc[];
beforeAll(() => {
  const fx = imagesFixture({ versions: ['20250701', '20250805'], squashfsBytes: 1000 });
  docs = ['com.ubuntu.maas:stable:v3:download', 'com.ubuntu.maas:stable:1:bootloader-download'].map((c) => parseProducts(readFileSync(join(fx.root, `streams/v1/${c}.json`), 'utf8')));
});

const paths = (r: ReturnType<typeof selectItems>) => r.items.map((i) => i.path).sort();

describe('selectItems', () => {
  it('sstream-mirror semantics: newest max versions, then items every filter matches; bootloaders have no release', () => {
    const r = selectItems(docs, { filters: parseFilters(['arch=amd64', 'release~(jammy|noble)']), max: 1, bootloaders: false });
    // 2 releases x (ga, hwe kernels + initrds) + one shared squashfs and manifest each
    expect(paths(r)).toHaveLength(2 * (4 + 2));
    expect(r.items.every((i) => i.version === '20250805' && i.data.arch === 'amd64')).toBe(true);
    expect(r.items.some((i) => i.path.startsWith('bootloaders/'))).toBe(false);
    expect(r.matched).toBe(16);
  });

  it('bootloaders: true adds every bootloader product whatever the filters, without counting as a match', () => {
    const r = selectItems(docs, { filters: parseFilters(['arch=amd64', 'release=noble', 'ftype~(squashfs|boot-)']), max: 1, bootloaders: true });
    expect(paths(r).filter((p) => p.startsWith('bootloaders/'))).toEqual(['bootloaders/pxe/i386/20210819.0/syslinux.tar.xz', 'bootloaders/uefi/amd64/20210819.0/grub2-signed.tar.xz', 'bootloaders/uefi/amd64/20210819.0/shim-signed.tar.xz', 'bootloaders/uefi/arm64/20210819.0/grub2.tar.xz']);
    expect(paths(r).filter((p) => !p.startsWith('bootloaders/'))).toEqual([
      'noble/amd64/20250805/ga-24.04/generic/boot-initrd',
      'noble/amd64/20250805/ga-24.04/generic/boot-kernel',
      'noble/amd64/20250805/hwe-24.04/generic/boot-initrd',
      'noble/amd64/20250805/hwe-24.04/generic/boot-kernel',
      'noble/amd64/20250805/squashfs',
    ]);
  });

  it('max: 2 takes both versions; no filters take everything', () => {
    expect(selectItems(docs, { filters: parseFilters(['arch=arm64', 'release=jammy', 'subarch=ga-22.04']), max: 2, bootloaders: false }).items.map((i) => i.version).sort()).toEqual(['20250701', '20250701', '20250701', '20250701', '20250805', '20250805', '20250805', '20250805']);
    expect(selectItems(docs, { filters: [], max: undefined, bootloaders: false }).items.length).toBe(2 * 2 * 2 * (4 + 2) + 4);
  });

  it('nothing matched: matched 0, and seen lists every product with its attributes', () => {
    const r = selectItems(docs, { filters: parseFilters(['release=bionic']), max: 1, bootloaders: true });
    expect(r.matched).toBe(0);
    expect(r.seen).toContain('com.ubuntu.maas.stable:v3:boot:24.04:amd64:ga-24.04 (os=ubuntu release=noble arch=amd64 subarch=ga-24.04 label=stable)');
    expect(r.seen).toContain('com.ubuntu.maas.stable:1:pxelinux:pxe:i386 (os=pxelinux arch=i386 label=stable bootloader-type=pxe)');
    expect(r.seen).toHaveLength(8 + 3);
  });

  it('refuses an item it could not verify', () => {
    const doc = parseProducts(JSON.stringify({ format: 'products:1.0', content_id: 'c', products: { p: { versions: { v: { items: { i: { path: 'a/b', size: 1 } } } } } } }));
    expect(() => selectItems([doc], { filters: [], max: 1, bootloaders: false })).toThrow(/a\/b\) has no sha256/);
  });

  it('knows bootloaders by bootloader-type or content id; describes products briefly', () => {
    expect(isBootloader('com.ubuntu.maas:stable:1:bootloader-download', {})).toBe(true);
    expect(isBootloader('x', { 'bootloader-type': 'uefi' })).toBe(true);
    expect(isBootloader('com.ubuntu.maas:stable:v3:download', { os: 'ubuntu' })).toBe(false);
    expect(describeProduct({ product_name: 'p' })).toBe('p');
  });
});
