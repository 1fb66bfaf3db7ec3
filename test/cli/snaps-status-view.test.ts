import { describe, expect, it } from 'vitest';
import { renderSnaps } from '../../src/cli/snaps-status-view.js';

describe('snaps status view', () => {
  it('one aligned line per channel', () => {
    expect(renderSnaps([{ ns: 'snap-store', snaps: [
      { name: 'hello-lhc', channel: 'latest/stable', revision: 4, version: '1.0', architectures: ['armhf'], complete: true },
      { name: 'lxd', channel: '5.21/stable', revision: 30130, version: '5.21.1', architectures: ['amd64', 'arm64'], complete: false },
    ] }])).toEqual([
      'snaps snap-store',
      '  hello-lhc  latest/stable  r4      1.0     armhf        complete',
      '  lxd        5.21/stable    r30130  5.21.1  amd64,arm64  INCOMPLETE (blob or snap-revision missing)',
    ]);
    expect(renderSnaps([])).toEqual([]);
  });
});
