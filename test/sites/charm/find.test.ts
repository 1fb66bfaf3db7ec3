import { describe, expect, it } from 'vitest';
import { findLocal } from '../../../src/sites/charm/find.js';
import { BASE, NS, parse, seeded } from './fixtures.js';

describe('charm find', () => {
  it('matches name or summary, filters by type, cuts to fields, empty list for no match', async () => {
    const { ctx } = await seeded();
    const q = async (s: string) => parse((await findLocal(ctx, NS, BASE, new URLSearchParams(s))).body).results as Record<string, unknown>[];
    expect((await q('q=summary')).map((r) => r.name).sort()).toEqual(['pg-bundle', 'postgresql']);
    expect((await q('q=bundle&fields=result.summary'))).toEqual([{ type: 'bundle', id: expect.any(String), name: 'pg-bundle', result: { summary: 'pg-bundle summary' } }]);
    expect((await q('type=charm')).map((r) => r.name)).toEqual(['postgresql']);
    expect(await q('q=zzz')).toEqual([]);
  });
});
