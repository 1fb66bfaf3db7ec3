// A rotation killed between any two of its steps leaves a CA that loads, and never a key that
// belongs to a different certificate.
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caFiles, createCa, ensureCa } from '../../src/tls/ca.js';
import { completeInterruptedRotation } from '../../src/tls/rotation-recovery.js';
import { tempDir } from '../helpers/tmp.js';

function staged() {
  const dir = tempDir();
  const old = ensureCa(dir);
  const next = createCa();
  const files = caFiles(dir);
  writeFileSync(files.nextKey, next.keyPem, { mode: 0o600 });
  writeFileSync(files.nextCert, next.certPem);
  mkdirSync(files.leafDir);
  writeFileSync(join(files.leafDir, 'a.crt'), 'old leaf');
  return { dir, files, old };
}

describe('completeInterruptedRotation', () => {
  it('does nothing when no rotation was under way', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    completeInterruptedRotation(caFiles(dir));
    expect(ensureCa(dir).fingerprint256).toBe(ca.fingerprint256);
  });

  it('killed before the switch: the old CA stays, the staged pair is dropped', () => {
    const { dir, files, old } = staged();
    expect(ensureCa(dir).fingerprint256).toBe(old.fingerprint256);
    expect(existsSync(files.nextKey) || existsSync(files.nextCert)).toBe(false);
  });

  it('killed between the two renames: the new certificate joins its key', () => {
    const { dir, files, old } = staged();
    renameSync(files.nextKey, files.key);
    const ca = ensureCa(dir);
    expect(ca.fingerprint256).not.toBe(old.fingerprint256);
    expect(existsSync(files.nextCert)).toBe(false);
    expect(existsSync(files.leafDir)).toBe(false);
  });

  it('a staged certificate that matches no key is an error, not a guess', () => {
    const { dir, files } = staged();
    renameSync(files.nextKey, join(dir, 'elsewhere'));
    copyFileSync(files.cert, join(dir, 'unused'));
    expect(() => ensureCa(dir)).toThrow(/interrupted CA rotation .* does not match/);
  });
});
