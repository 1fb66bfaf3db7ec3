import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { chooseBoundary, renderMultipart, renderPart } from '../../src/cloudinit/mime-write.js';
import { boot } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('renderPart', () => {
  it('writes plain ASCII as readable 7bit and anything else as base64', () => {
    expect(renderPart({ contentType: 'text/x-shellscript', body: '#!/bin/sh\necho hi\n' })).toContain('Content-Transfer-Encoding: 7bit\n\n#!/bin/sh\necho hi\n');
    expect(renderPart({ contentType: 'text/x-shellscript', body: '#!/bin/sh\necho é\n' })).toMatch(/charset="utf-8"\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64/);
    expect(renderPart({ contentType: 'text/plain', body: 'a\r\nb' })).toContain('base64');
    expect(renderPart({ contentType: 'application/gzip', body: Buffer.from([1, 2]) })).toMatch(/^Content-Type: application\/gzip\nMIME-Version/);
  });

  it('keeps filenames and extra headers on one line each', () => {
    const p = renderPart({ contentType: 'text/cloud-config', body: 'x', filename: 'a"b\nc', headers: [['Launch-Index', '1\n2']] });
    expect(p).toContain('Content-Disposition: attachment; filename="a_b_c"');
    expect(p).toContain('Launch-Index: 1 2');
  });
});

describe('renderMultipart', () => {
  it('is decoded by cloud-init into exactly the payloads given, byte for byte', async () => {
    const payloads = ['#!/bin/sh\necho one\n', '#!/bin/sh\necho zwei ü\n', '#cloud-config\nhostname: n\n', '#!/bin/sh\nno trailing newline'];
    const text = renderMultipart(payloads.map((body) => ({ contentType: body.startsWith('#!') ? 'text/x-shellscript' : 'text/cloud-config', body })));
    const booted = await boot(Buffer.from(text, 'latin1'));
    expect(booted.dumped.map((d) => readFileSync(d.file, 'utf8'))).toEqual(payloads);
  });

  it('picks a boundary no part contains', () => {
    const b = chooseBoundary([]);
    expect(b).toMatch(/^===============airgap-cache-[0-9a-f]{18}==$/);
    expect(chooseBoundary([`--${b}`])).not.toBe(b);
  });
});
