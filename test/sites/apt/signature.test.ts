import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyClearsigned } from '../../../src/sites/apt/signature.js';

const shared = new URL('../../../../shared/fixtures/', import.meta.url).pathname;
const inRelease = readFileSync(`${shared}apt/ubuntu/dists/noble/InRelease`);
const archiveKey = `${shared}keyrings/ubuntu-keyring-2018-archive.gpg`;

describe('verifyClearsigned (real gpgv)', () => {
  it("returns the signed text of Ubuntu's real noble InRelease", async () => {
    const text = await verifyClearsigned(inRelease, [archiveKey], 'noble/InRelease');
    expect(text.startsWith('Origin: Ubuntu\nLabel: Ubuntu\nSuite: noble\n')).toBe(true);
    expect(text).not.toContain('BEGIN PGP');
  });

  it('refuses a wrong key, a flipped byte and an unsigned file, naming the file', async () => {
    await expect(verifyClearsigned(inRelease, [`${shared}keyrings/ubuntu-keyring-2012-cdimage.gpg`], 'noble/InRelease')).rejects.toThrow(/noble\/InRelease: signature not valid .*No public key/);
    const tampered = Buffer.from(inRelease);
    tampered[200] = tampered[200]! ^ 1;
    await expect(verifyClearsigned(tampered, [archiveKey], 'noble/InRelease')).rejects.toMatchObject({ code: 'AGC_ERR_SIGNATURE' });
    await expect(verifyClearsigned(Buffer.from('Origin: Evil\n'), [archiveKey], 'x/InRelease')).rejects.toThrow(/x\/InRelease: signature not valid/);
  });
});
