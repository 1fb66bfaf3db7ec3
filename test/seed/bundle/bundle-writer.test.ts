import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundle } from '../../../src/seed/bundle/bundle-writer.js';
import { Progress } from '../../../src/seed/progress.js';
import { makeBundle, sha256 } from '../../helpers/bundles.js';
import { tempDir } from '../../helpers/tmp.js';

describe('writeBundle', () => {
  it('lays out description, object list, each distinct payload once, then the summary; tar lists it', async () => {
    const { file, written } = await makeBundle([
      { path: '/b', body: 'same bytes' },
      { path: '/a', body: 'other bytes' },
      { path: '/c', body: 'same bytes' },
    ]);
    const names = execFileSync('tar', ['tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual([
      'airgap-cache-bundle/bundle.json',
      'airgap-cache-bundle/objects.ndjson',
      `blobs/sha256/${sha256('other bytes').slice(0, 2)}/${sha256('other bytes')}`,
      `blobs/sha256/${sha256('same bytes').slice(0, 2)}/${sha256('same bytes')}`,
      'airgap-cache-bundle/end.json',
    ]);
    expect(written).toMatchObject({ objects: 3, blobs: 2, payloadBytes: 21 });
    const objects = execFileSync('tar', ['xOf', file, 'airgap-cache-bundle/objects.ndjson'], { encoding: 'utf8' });
    expect(objects.trim().split('\n').map((l) => (JSON.parse(l) as { path: string }).path)).toEqual(['/a', '/b', '/c']);
    expect(sha256(objects)).toBe(written.id);
    const info = JSON.parse(execFileSync('tar', ['xOf', file, 'airgap-cache-bundle/bundle.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(info).toMatchObject({ format: 'airgap-cache-bundle', formatVersion: 1, id: written.id, kind: 'seed', tool: expect.stringMatching(/^airgap-cache \d/) });
    expect(execFileSync('tar', ['xOf', file, `blobs/sha256/${sha256('same bytes').slice(0, 2)}/${sha256('same bytes')}`], { encoding: 'utf8' })).toBe('same bytes');
  });

  it('refuses a blob that changed since it was verified, names the object, and leaves no file behind', async () => {
    const blobs = tempDir();
    const body = Buffer.from('verified once');
    writeFileSync(join(blobs, sha256(body)), 'then changed!');
    const out = join(tempDir(), 'x.bundle');
    const obj = { ns: 'maas-images', path: '/f', sha256: sha256(body), size: body.length, contentType: 'text/plain', lastModified: 0, fetchedAt: 0, digests: {} };
    await expect(writeBundle(out, { kind: 'seed', manifest: null, requested: [], objects: [obj], blobFile: (s) => join(blobs, s) })).rejects.toMatchObject({
      code: 'AGC_ERR_CORRUPT',
      subject: 'maas-images:/f',
    });
    expect(readdirSync(dirname(out))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('reports progress over the payload bytes', async () => {
    const blobs = tempDir();
    const body = Buffer.alloc(3 << 20, 1);
    writeFileSync(join(blobs, sha256(body)), body);
    const progress = new Progress();
    const obj = { ns: 'n', path: '/big', sha256: sha256(body), size: body.length, contentType: 'x/y', lastModified: 0, fetchedAt: 0, digests: {} };
    await writeBundle(join(tempDir(), 'p.bundle'), { kind: 'export', manifest: null, requested: [], objects: [obj], blobFile: (s) => join(blobs, s), progress });
    expect(progress.snapshot()).toMatchObject({ doneBytes: body.length, totalBytes: body.length, doneItems: 1, totalItems: 1 });
  });
});
