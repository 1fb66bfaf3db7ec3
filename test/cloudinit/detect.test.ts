import { describe, expect, it } from 'vitest';
import { detectFormat, isMime, typeFromStartsWith } from '../../src/cloudinit/detect.js';

describe('detectFormat, as cloud-init tells formats apart', () => {
  it.each([
    ['#cloud-config\na: 1', 'text/cloud-config'],
    ['  #Cloud-Config\n', 'text/cloud-config'],
    ['#cloud-config-archive\n- a', 'text/cloud-config-archive'],
    ['#cloud-config-jsonp\n[]', 'text/cloud-config-jsonp'],
    ['## template: jinja\n#cloud-config\n', 'text/jinja2'],
    ['#!/bin/bash\n', 'text/x-shellscript'],
    ['#include\nhttp://x/', 'text/x-include-url'],
    ['#include-once\nhttp://x/', 'text/x-include-once-url'],
    ['#cloud-boothook\n', 'text/cloud-boothook'],
    ['#part-handler\n', 'text/part-handler'],
  ])('%j is %s', (text, type) => {
    expect(detectFormat(text)).toEqual({ kind: 'single', contentType: type });
  });

  it('MIME when mime-version: appears in the first 4096 bytes, anywhere, any case', () => {
    expect(detectFormat('Content-Type: multipart/mixed; boundary=x\nMIME-Version: 1.0\n\n')).toEqual({ kind: 'mime' });
    expect(isMime(`#cloud-config\n# Mime-Version: in a comment\n`)).toBe(true);
    expect(isMime(`${'#'.repeat(4100)}\nmime-version: 1.0`)).toBe(false);
  });

  it('unknown otherwise, and a byte-order mark is not whitespace', () => {
    expect(detectFormat('hostname: x\n')).toEqual({ kind: 'unknown' });
    expect(typeFromStartsWith('\ufeff#cloud-config\n')).toBeUndefined();
  });
});
