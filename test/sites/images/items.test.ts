import { describe, expect, it } from 'vitest';
import { itemsOf, productData, products, versionNames } from '../../../src/sites/images/items.js';
import { parseProducts } from '../../../src/sites/images/stream-docs.js';

const doc = parseProducts(
  JSON.stringify({
    format: 'products:1.0',
    content_id: 'com.ubuntu.maas:stable:v3:download',
    datatype: 'image-ids',
    products: {
      'p:noble:amd64': {
        arch: 'amd64',
        release: 'noble',
        supported: true,
        versions: {
          '20250701': { items: { squashfs: { ftype: 'squashfs', path: 'noble/amd64/20250701/squashfs', sha256: 'AA', size: 3 } } },
          '20250805': { label: 'stable', sha256: 'bb', path: 'noble/amd64/20250805/squashfs', items: { squashfs: { ftype: 'squashfs', size: 4 } } },
          '20240101': { items: {} },
        },
      },
    },
  }),
);

describe('walking products', () => {
  it('orders versions newest first by name', () => {
    expect(versionNames(products(doc)[0]![1])).toEqual(['20250805', '20250701', '20240101']);
  });

  it('flattens string attributes down the tree with product_name, version_name and item_name', () => {
    const [name, p] = products(doc)[0]!;
    const items = [...itemsOf(doc, name, p)];
    expect(items).toHaveLength(2);
    expect(items[0]!.data).toMatchObject({ content_id: 'com.ubuntu.maas:stable:v3:download', arch: 'amd64', release: 'noble', product_name: 'p:noble:amd64', version_name: '20250805', item_name: 'squashfs', label: 'stable', ftype: 'squashfs' });
    expect(items[0]!.data.supported).toBeUndefined();
    // condensed upwards: path and sha256 on the version, size stays on the item
    expect(items[0]).toMatchObject({ path: 'noble/amd64/20250805/squashfs', sha256: 'bb', size: 4 });
    expect(items[1]).toMatchObject({ version: '20250701', path: 'noble/amd64/20250701/squashfs', sha256: 'aa', size: 3 });
  });

  it('walks only the versions asked for; productData has no version attributes', () => {
    const [name, p] = products(doc)[0]!;
    expect([...itemsOf(doc, name, p, ['20250701'])].map((i) => i.version)).toEqual(['20250701']);
    expect(productData(doc, name, p)).toEqual({ content_id: 'com.ubuntu.maas:stable:v3:download', format: 'products:1.0', datatype: 'image-ids', arch: 'amd64', release: 'noble', product_name: 'p:noble:amd64' });
  });
});
