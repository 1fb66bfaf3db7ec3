import { describe, expect, it } from 'vitest';
import { prerequisitesOf } from '../../../src/seed/snap/prerequisites.js';

describe('prerequisites', () => {
  it('base, snapd when not core-based, and content providers', () => {
    expect(prerequisitesOf({ name: 'a', type: 'app', base: 'core22', 'snap-yaml': "name: a\nversion: '1'\nplugs:\n  t:\n    interface: content\n    default-provider: gtk-common-themes\n" }).sort()).toEqual(['core22', 'gtk-common-themes', 'snapd']);
    expect(prerequisitesOf({ name: 'a', type: 'app' })).toEqual(['core']);
    expect(prerequisitesOf({ name: 'a', type: 'app', base: '' })).toEqual(['core']);
    expect(prerequisitesOf({ name: 'g', type: 'gadget', base: 'core24' }).sort()).toEqual(['core24', 'snapd']);
  });
  it('bases, snapd and the os snap need nothing; a snap never needs itself', () => {
    expect(prerequisitesOf({ name: 'core22', type: 'base' })).toEqual([]);
    expect(prerequisitesOf({ name: 'snapd', type: 'snapd' })).toEqual([]);
    expect(prerequisitesOf({ name: 'core', type: 'os' })).toEqual([]);
    expect(prerequisitesOf({ name: 'x', type: 'app', base: 'x' })).toEqual(['snapd']);
  });
});
