import { describe, expect, it } from 'vitest';
import { sections } from '../../../src/seed/sections/registry.js';

describe('section registry', () => {
  it('has unique manifest keys, the generic urls section among them', () => {
    const keys = sections.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('urls');
    for (const k of keys) expect(k).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
