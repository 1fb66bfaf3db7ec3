import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { rotateCa } from '../../src/tls/ca-rotation.js';
import { issuedLeaves } from '../../src/tls/leaf-inventory.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { writePublicFile } from '../../src/tls/secret-file.js';
import { tempDir } from '../helpers/tmp.js';
import { join } from 'node:path';

describe('issuedLeaves', () => {
  it('lists each cached leaf with its expiry and whether the current CA signed it', () => {
    const dir = tempDir();
    expect(issuedLeaves(dir, ensureCa(dir).certPem)).toEqual([]);
    const old = ensureCa(dir);
    const stale = new LeafIssuer(old, dir).certificateFor('images.maas.io');
    const { current } = rotateCa(dir);
    new LeafIssuer(current, dir).certificateFor('api.snapcraft.io');
    writePublicFile(join(dir, 'leaf', 'images.maas.io.crt'), stale.certPem);
    const leaves = issuedLeaves(dir, current.certPem);
    expect(leaves.map((l) => [l.name, l.signedByCurrentCa])).toEqual([
      ['api.snapcraft.io', true],
      ['images.maas.io', false],
    ]);
    expect(leaves[0]!.notAfter.getTime()).toBeGreaterThan(Date.now());
  });
});
