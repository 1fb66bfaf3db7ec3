import { describe, expect, it } from 'vitest';
import { renderImages } from '../../src/cli/images-status-view.js';

describe('renderImages', () => {
  it('one aligned line per version, complete or what is missing; a stream that cannot be read says why', () => {
    const lines = renderImages([
      {
        ns: 'maas-images',
        stream: '/ephemeral-v3/stable/',
        versions: [
          { product: 'a', os: 'ubuntu', release: 'noble', arch: 'amd64', subarch: 'ga-24.04', version: '20250805', complete: true, missing: [] },
          { product: 'b', os: 'grub-efi-signed', release: '-', arch: 'amd64', subarch: '-', version: '20210819.0', complete: false, missing: ['shim-signed'] },
        ],
      },
      { ns: 'maas-images', stream: '/ephemeral-v3/candidate/', problem: 'keyring /x does not exist', versions: [] },
      { ns: 'maas-images', stream: '/ephemeral-v3/daily/', versions: [] },
    ]);
    expect(lines).toEqual([
      'images maas-images /ephemeral-v3/stable/',
      '  ubuntu           noble  amd64  ga-24.04  20250805    complete',
      '  grub-efi-signed  -      amd64  -         20210819.0  partial (missing shim-signed)',
      'images maas-images /ephemeral-v3/candidate/: CANNOT READ (keyring /x does not exist)',
      'images maas-images /ephemeral-v3/daily/',
      '  no items stored',
    ]);
  });
});
