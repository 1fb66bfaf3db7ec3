import { describe, expect, it } from 'vitest';
import type { ImportCheck } from '../../src/seed/import-check.js';

describe('ImportCheck', () => {
  it('is a function over the object list that refuses by throwing', async () => {
    const check: ImportCheck = async (objects) => {
      if (objects.some((o) => o.path.includes('evil'))) throw new Error('refused');
    };
    await expect(check([{ ns: 'n', path: '/evil', sha256: '0'.repeat(64), size: 0, contentType: 'x', lastModified: 0, fetchedAt: 0, digests: {} }], () => '')).rejects.toThrow('refused');
  });
});
