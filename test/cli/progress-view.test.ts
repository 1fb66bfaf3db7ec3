import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { barLine, formatBytes, formatDuration, plainLine, showProgress } from '../../src/cli/progress-view.js';
import { Progress, type ProgressSnapshot } from '../../src/seed/progress.js';

const snap = (over: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  phase: 'fetching', doneBytes: 512 * 1024 * 1024, totalBytes: 2 * 1024 ** 3, doneItems: 3, totalItems: 10, rate: 50 * 1024 * 1024, etaSeconds: 31, elapsedSeconds: 10, active: [], ...over,
});

function sink(tty: boolean) {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  s.isTTY = tty;
  s.columns = 100;
  let out = '';
  s.on('data', (d: Buffer) => (out += d.toString()));
  return { stream: s as unknown as NodeJS.WriteStream, text: () => out };
}

describe('progress view', () => {
  it('formats bytes, durations, plain lines and bars with bytes, rate and ETA', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
    expect(formatDuration(59)).toBe('59s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(7300)).toBe('2h01m');
    expect(plainLine('seed', snap())).toBe('seed: fetching: 3/10 objects, 512.0 MiB of 2.00 GiB (25%), 50.0 MiB/s, ETA 31s');
    expect(plainLine('seed', snap({ totalBytes: undefined, totalItems: undefined, etaSeconds: undefined }))).toBe('seed: fetching: 3 objects, 512.0 MiB, 50.0 MiB/s');
    const bar = barLine('seed', snap(), 100);
    expect(bar).toMatch(/^seed fetching \[#+\.+\] {2}25% 512\.0 MiB\/2\.00 GiB 50\.0 MiB\/s ETA 31s 3\/10$/);
    expect(bar.length).toBeLessThanOrEqual(100);
  });

  it('on a terminal: redraws the bar and the active items in place', async () => {
    const p = new Progress();
    const out = sink(true);
    const stop = showProgress(p, { label: 'seed', stream: out.stream });
    p.begin({ phase: 'fetching', totalBytes: 100, totalItems: 1 });
    p.startItem('u', 'http://images.maas.io/squashfs', 100);
    p.add(40, 'u');
    await new Promise((r) => setTimeout(r, 450));
    p.finish();
    stop();
    expect(out.text()).toContain('\u001b[J');
    expect(out.text()).toMatch(/\[\d+A\r/);
    expect(out.text()).toMatch(/ {2}http:\/\/images\.maas\.io\/squashfs +\[#+\.+\] 40 B\/100 B/);
  });

  it('elsewhere: plain periodic lines and a last one at the end', async () => {
    const p = new Progress();
    const out = sink(false);
    const stop = showProgress(p, { label: 'import', stream: out.stream, intervalMs: 50 });
    p.begin({ phase: 'importing', totalBytes: 10, totalItems: 1 });
    await new Promise((r) => setTimeout(r, 130));
    p.add(10);
    p.itemDone();
    p.finish();
    stop();
    const lines = out.text().trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.at(-1)).toMatch(/^import: importing: 1\/1 objects, 10 B of 10 B \(100%\)/);
    expect(out.text()).not.toContain('\u001b');
  });
});
