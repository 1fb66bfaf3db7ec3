import { describe, expect, it, vi } from 'vitest';
import { minimalUserData } from '../../src/cloudinit/minimal.js';
import { fingerprints, testCas } from './support/cas.js';
import { boot, schemaCheck, trustedList } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { ours, next } = testCas();

describe('minimalUserData', () => {
  it('passes cloud-init schema and makes cloud-init trust every CA given', async () => {
    const text = minimalUserData([ours, next]);
    const check = await schemaCheck(text);
    expect(check.stdout).toContain('Valid cloud-config');
    const booted = await boot(text);
    expect(booted.parts).toEqual(['text/cloud-config']);
    expect(fingerprints(trustedList(booted))).toEqual([ours.fingerprint256, next.fingerprint256]);
    expect(text).not.toContain('remove_defaults');
  });
});
