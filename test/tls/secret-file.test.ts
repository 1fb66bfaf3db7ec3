import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writePublicFile, writeSecretFile } from '../../src/tls/secret-file.js';
import { tempDir } from '../helpers/tmp.js';

const mode = (p: string) => statSync(p).mode & 0o777;
const savedUmask = process.umask();
afterEach(() => {
  process.umask(savedUmask);
});

describe('writeSecretFile', () => {
  it('writes mode 0600 even when the process umask would allow everyone to read', () => {
    process.umask(0);
    const file = join(tempDir(), 'ca.key');
    writeSecretFile(file, 'secret');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('secret');
  });

  it('puts the umask back afterwards', () => {
    process.umask(0o022);
    writeSecretFile(join(tempDir(), 'k'), 'x');
    expect(process.umask()).toBe(0o022);
  });

  it('replaces a world-readable file by a 0600 one and leaves no temporary file', () => {
    const dir = tempDir();
    const file = join(dir, 'ca.key');
    writeFileSync(file, 'old', { mode: 0o644 });
    writeSecretFile(file, 'new');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['ca.key']);
  });

  it('creates missing parent directories', () => {
    const file = join(tempDir(), 'a', 'b', 'leaf.key');
    writeSecretFile(file, 'x');
    expect(mode(file)).toBe(0o600);
  });
});

describe('writePublicFile', () => {
  it('writes 0644 whatever the umask, so certificates stay readable', () => {
    process.umask(0o077);
    const file = join(tempDir(), 'ca.crt');
    writePublicFile(file, 'cert');
    expect(mode(file)).toBe(0o644);
  });
});
