import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../../src/log.js';
import { defineSection } from '../../../src/seed/sections/section.js';

describe('defineSection', () => {
  it('keeps key, schema, check and seed, with the config handed through unchanged', async () => {
    const seen: unknown[] = [];
    const s = defineSection<{ n: number }>({
      key: 'demo',
      schema: z.object({ n: z.number() }),
      check: (c) => void seen.push(['check', c.n]),
      seed: async (c) => {
        seen.push(['seed', c.n]);
        return { objects: [], requested: [] };
      },
    });
    const ctx = { target: () => ({ ns: 'n', path: '/' }), fetch: () => Promise.reject(new Error('unused')), log: silentLogger() };
    expect(s.key).toBe('demo');
    expect(s.schema.safeParse({ n: 1 }).success).toBe(true);
    s.check!({ n: 1 }, ctx);
    await s.seed({ n: 2 }, ctx);
    expect(seen).toEqual([['check', 1], ['seed', 2]]);
  });

  it('a section without a check has none', () => {
    const s = defineSection({ key: 'x', schema: z.null(), seed: async () => ({ objects: [], requested: [] }) });
    expect(s.check).toBeUndefined();
  });
});
