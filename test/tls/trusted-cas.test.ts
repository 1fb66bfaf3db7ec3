import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caFiles, ensureCa } from '../../src/tls/ca.js';
import { previousCertFiles, trustedCas } from '../../src/tls/trusted-cas.js';
import { tempDir } from '../helpers/tmp.js';

describe('trustedCas', () => {
  it('is just the current CA before any rotation, and holds no key material', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const list = trustedCas(dir);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ role: 'current', fingerprint256: ca.fingerprint256, isCa: true });
    expect(JSON.stringify(list)).not.toMatch(/PRIVATE KEY/);
  });

  it('lists a previous CA once, and never the current one twice', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const files = caFiles(dir);
    mkdirSync(files.previousDir);
    copyFileSync(files.cert, join(files.previousDir, '20260101T000000Z-same.crt'));
    writeFileSync(join(files.previousDir, 'notes.txt'), 'ignored');
    expect(trustedCas(dir).map((c) => c.fingerprint256)).toEqual([ca.fingerprint256]);
    expect(previousCertFiles(files.previousDir)).toHaveLength(1);
  });

  it('has no previous CAs when the directory is missing', () => {
    expect(previousCertFiles(join(tempDir(), 'nope'))).toEqual([]);
  });
});
