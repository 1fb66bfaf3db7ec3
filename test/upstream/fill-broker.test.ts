import { describe, expect, it } from 'vitest';
import { FillBroker, isFillReport, type FillNotice } from '../../src/upstream/fill-broker.js';
import type { ObjectMeta } from '../../src/store/types.js';

function broker() {
  const sent: [number, FillNotice][] = [];
  const b = new FillBroker((w, n) => sent.push([w, n]));
  return { b, sent };
}

const req = { ns: 'ns', path: '/o', url: 'http://up/o' };
const meta: ObjectMeta = { ns: 'ns', path: '/o', sha256: 'a'.repeat(64), size: 5, contentType: 'text/plain', lastModified: 1, etag: '"e"', digests: {}, source: 'fill', storedAt: 2 };

describe('FillBroker', () => {
  it('grants the first claim ownership and makes later claims follow, with the state so far', () => {
    const { b, sent } = broker();
    const events: string[] = [];
    b.on('started', () => events.push('started'));
    b.on('joined', () => events.push('joined'));
    b.report(1, { t: 'fill-claim', key: 'k', req });
    b.report(1, { t: 'fill-head', key: 'k', head: { kind: 'found', contentType: 'text/plain', size: 5, lastModified: 1 } });
    b.report(1, { t: 'fill-body', key: 'k', tmpPath: '/tmp/x.part', written: 2 });
    b.report(2, { t: 'fill-claim', key: 'k', req });
    expect(sent).toEqual([
      [1, { t: 'fill-grant', key: 'k', role: 'own' }],
      [2, { t: 'fill-grant', key: 'k', role: 'follow', state: { written: 2, head: { kind: 'found', contentType: 'text/plain', size: 5, lastModified: 1 }, tmpPath: '/tmp/x.part' } }],
    ]);
    expect(events).toEqual(['started', 'joined']);
    expect(b.size).toBe(1);
    expect(b.waiting()).toBe(2);
  });

  it("passes the owner's reports to followers only, and ignores reports from anyone else", () => {
    const { b, sent } = broker();
    b.report(1, { t: 'fill-claim', key: 'k', req });
    b.report(2, { t: 'fill-claim', key: 'k', req });
    sent.length = 0;
    b.report(2, { t: 'fill-progress', key: 'k', written: 99 });
    b.report(1, { t: 'fill-progress', key: 'k', written: 3 });
    b.report(1, { t: 'fill-end', key: 'k', meta });
    expect(sent).toEqual([
      [2, { t: 'fill-progress', key: 'k', written: 3 }],
      [2, { t: 'fill-end', key: 'k', meta }],
    ]);
    expect(b.size).toBe(0);
  });

  it('answers a claim just after the end from the committed entry, without a new owner', () => {
    const { b, sent } = broker();
    b.report(1, { t: 'fill-claim', key: 'k', req });
    b.report(1, { t: 'fill-end', key: 'k', meta });
    b.report(2, { t: 'fill-claim', key: 'k', req });
    expect(sent.at(-1)).toEqual([2, { t: 'fill-grant', key: 'k', role: 'follow', state: { head: { kind: 'found', contentType: 'text/plain', size: 5, lastModified: 1 }, written: 5, end: { meta } } }]);
    expect(b.size).toBe(0);
  });

  it("fails a dead worker's fills for their followers and forgets it as a follower", () => {
    const { b, sent } = broker();
    const failed: string[] = [];
    b.on('failed', (_r, e) => failed.push(e.message));
    b.report(1, { t: 'fill-claim', key: 'k', req });
    b.report(2, { t: 'fill-claim', key: 'k', req });
    b.report(2, { t: 'fill-claim', key: 'j', req: { ...req, path: '/j' } });
    b.report(1, { t: 'fill-claim', key: 'j', req: { ...req, path: '/j' } });
    sent.length = 0;
    b.workerGone(1);
    expect(sent).toEqual([[2, { t: 'fill-failed', key: 'k', error: { code: 'AGC_ERR_UPSTREAM', message: 'http://up/o: the worker process filling it exited' } }]]);
    expect(failed).toHaveLength(1);
    b.report(2, { t: 'fill-end', key: 'j' });
    expect(sent).toHaveLength(1); // worker 1 no longer follows j
    expect(b.size).toBe(0);
  });

  it('tells fill messages from others', () => {
    expect(isFillReport({ t: 'fill-claim' })).toBe(true);
    expect(isFillReport({ t: 'requests' })).toBe(false);
    expect(isFillReport(null)).toBe(false);
  });
});
