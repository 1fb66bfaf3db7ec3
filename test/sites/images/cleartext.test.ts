import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleartextBody } from '../../../src/sites/images/cleartext.js';

describe('cleartextBody', () => {
  it('takes the text between the armour header and the signature, undoing dash-escapes', () => {
    const doc = '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{\n- -----not armour\n "a": 1\n}\n-----BEGIN PGP SIGNATURE-----\n\nxyz\n-----END PGP SIGNATURE-----\n';
    expect(cleartextBody(doc)).toBe('{\n-----not armour\n "a": 1\n}');
  });

  it('reads the real cloud-images index (CRLF-free, Hash header) into JSON', () => {
    const real = readFileSync(new URL('../../../../shared/fixtures/simplestreams/cloud-images/releases/streams/v1/index.sjson', import.meta.url), 'utf8');
    expect((JSON.parse(cleartextBody(real)!) as { format: string }).format).toBe('index:1.0');
  });

  it('is undefined for anything not clear-signed', () => {
    expect(cleartextBody('{"format": "index:1.0"}')).toBeUndefined();
    expect(cleartextBody('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{}\n')).toBeUndefined();
  });
});
