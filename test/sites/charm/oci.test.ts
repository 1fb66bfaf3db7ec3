import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { registryPrefix, renameImage, rewriteDocument, rewrittenResource } from '../../../src/sites/charm/oci.js';
import { readRecord } from '../../../src/sites/charm/read-record.js';
import { isResourceRecord, resourcePath } from '../../../src/sites/charm/records.js';
import { PG_ID } from '../../helpers/charm-records.js';
import { NS, seeded } from './fixtures.js';

const reg = { url: 'https://registry.site:5000/mirror/', username: 'u', password: 'p' };

describe('oci-image resources under a site registry', () => {
  it('renames the image keeping repository path and digest, with the site credentials', () => {
    expect(registryPrefix(reg)).toBe('registry.site:5000/mirror');
    expect(renameImage('registry.jujucharms.com/charm/x/img@sha256:ab', 'r.site')).toBe('r.site/charm/x/img@sha256:ab');
    expect(renameImage('library/ubuntu:22.04', 'r.site')).toBe('r.site/library/ubuntu:22.04');
    expect(renameImage('localhost/a', 'r.site')).toBe('r.site/a');
    const out = rewriteDocument(Buffer.from('{"imagename":"registry.jujucharms.com/charm/x/img@sha256:ab","username":"docker-registry","password":"m"}'), reg);
    expect(JSON.parse(out!.toString())).toEqual({ ImageName: 'registry.site:5000/mirror/charm/x/img@sha256:ab', Username: 'u', Password: 'p' });
    expect(rewriteDocument(Buffer.from('registrypath: x'), reg)).toBeUndefined();
    expect(rewriteDocument(Buffer.from('{"Other":1}'), reg)).toBeUndefined();
  });

  it('recomputes size and both digests from the rewritten bytes; nothing changes without a registry or for file resources', async () => {
    const { ctx } = await seeded({ charmOciRegistry: reg });
    const oci = (await readRecord(ctx, NS, resourcePath(PG_ID, 'pg-image', 3), isResourceRecord))!;
    const r = (await rewrittenResource(ctx, NS, PG_ID, oci))!;
    expect(r.download).toEqual({ size: r.bytes.length, 'hash-sha-256': createHash('sha256').update(r.bytes).digest('hex'), 'hash-sha-384': createHash('sha384').update(r.bytes).digest('hex') });
    expect(r.download['hash-sha-256']).not.toBe(oci.download['hash-sha-256']);
    const file = (await readRecord(ctx, NS, resourcePath(PG_ID, 'pg-snap', 12), isResourceRecord))!;
    expect(await rewrittenResource(ctx, NS, PG_ID, file)).toBeUndefined();
    const plain = await seeded();
    expect(await rewrittenResource(plain.ctx, NS, PG_ID, oci)).toBeUndefined();
  });
});
