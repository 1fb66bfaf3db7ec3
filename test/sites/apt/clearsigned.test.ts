import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearsignedText } from '../../../src/sites/apt/clearsigned.js';
import { verifyClearsigned } from '../../../src/sites/apt/signature.js';

const shared = new URL('../../../../shared/fixtures/', import.meta.url).pathname;

describe('clearsignedText', () => {
  it('gives exactly the text gpgv vouches for, on the real noble InRelease', async () => {
    const doc = readFileSync(`${shared}apt/ubuntu/dists/noble/InRelease`);
    const vouched = await verifyClearsigned(doc, [`${shared}keyrings/ubuntu-keyring-2018-archive.gpg`], 'noble');
    expect(clearsignedText(doc.toString('utf8'))).toBe(vouched);
  });
  it('undoes dash-escaping and refuses what is not clear-signed', () => {
    const doc = '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: X\n- -- dashes\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n';
    expect(clearsignedText(doc)).toBe('Origin: X\n-- dashes\n');
    expect(clearsignedText('Origin: X\n')).toBeUndefined();
  });
});
