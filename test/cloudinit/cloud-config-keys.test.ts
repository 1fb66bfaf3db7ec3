import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cloudConfigKeys } from '../../src/cloudinit/cloud-config-keys.js';
import { renderMultipart } from '../../src/cloudinit/mime-write.js';

describe('cloudConfigKeys', () => {
  it('reads the keys of a plain cloud-config and of every cloud-config part, gzip included', () => {
    expect([...cloudConfigKeys(Buffer.from('#cloud-config\na: 1\nb: 2\n'))]).toEqual(['a', 'b']);
    const mime = renderMultipart([
      { contentType: 'text/cloud-config', body: '#cloud-config\nwrite_files: []\n' },
      { contentType: 'application/gzip', body: gzipSync('#cloud-config\nruncmd: []\n') },
      { contentType: 'text/x-shellscript', body: '#!/bin/sh\n' },
    ]);
    expect([...cloudConfigKeys(Buffer.from(mime, 'latin1'))].sort()).toEqual(['runcmd', 'write_files']);
    expect([...cloudConfigKeys(Buffer.from('#!/bin/sh\n'))]).toEqual([]);
  });
});
