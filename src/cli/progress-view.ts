// Shows a job's Progress on stderr: redrawn bars (bytes, rate, ETA, the active items) on a
// terminal; a plain line every few seconds otherwise, so logs of a long seed stay readable.
import type { Progress, ProgressSnapshot } from '../seed/progress.js';

export interface ViewOptions {
  label: string;
  stream?: NodeJS.WriteStream;
  /** Force one style; by default bars when the stream is a terminal. */
  tty?: boolean;
  /** Between plain lines, ms. */
  intervalMs?: number;
}

const MAX_ACTIVE_LINES = 4;

export function showProgress(progress: Progress, opts: ViewOptions): () => void {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? stream.isTTY === true;
  let drawn = 0;
  const draw = (): void => {
    const s = progress.snapshot();
    if (!tty) {
      stream.write(plainLine(opts.label, s) + '\n');
      return;
    }
    const width = Math.max(40, (stream.columns || 100) - 1);
    const lines = [barLine(opts.label, s, width), ...s.active.slice(0, MAX_ACTIVE_LINES).map((a) => itemLine(a, width))];
    stream.write((drawn > 0 ? `\x1b[${drawn}A\r\x1b[J` : '') + lines.join('\n') + '\n');
    drawn = lines.length;
  };
  const timer = setInterval(draw, tty ? 200 : (opts.intervalMs ?? 5_000));
  timer.unref();
  const onPhase = (): void => {
    if (!tty) return;
    drawn = 0;
  };
  const onDone = (): void => draw();
  progress.on('phase', onPhase);
  progress.on('done', onDone);
  return () => {
    clearInterval(timer);
    progress.off('phase', onPhase);
    progress.off('done', onDone);
  };
}

export function plainLine(label: string, s: ProgressSnapshot): string {
  const items = s.totalItems !== undefined ? `${s.doneItems}/${s.totalItems} objects` : `${s.doneItems} objects`;
  const bytes = s.totalBytes !== undefined ? `${formatBytes(s.doneBytes)} of ${formatBytes(s.totalBytes)} (${percent(s)})` : formatBytes(s.doneBytes);
  const eta = s.etaSeconds !== undefined ? `, ETA ${formatDuration(s.etaSeconds)}` : '';
  return `${label}: ${s.phase}: ${items}, ${bytes}, ${formatBytes(s.rate)}/s${eta}`;
}

export function barLine(label: string, s: ProgressSnapshot, width: number): string {
  const items = s.totalItems !== undefined ? `${s.doneItems}/${s.totalItems}` : `${s.doneItems}`;
  const bytes = s.totalBytes !== undefined ? `${formatBytes(s.doneBytes)}/${formatBytes(s.totalBytes)}` : formatBytes(s.doneBytes);
  const eta = s.etaSeconds !== undefined ? `ETA ${formatDuration(s.etaSeconds)}` : 'ETA --';
  const tail = ` ${percent(s).padStart(4)} ${bytes} ${formatBytes(s.rate)}/s ${eta} ${items}`;
  const head = `${label} ${s.phase} `;
  const barWidth = Math.max(10, Math.min(40, width - head.length - tail.length - 2));
  return fit(`${head}[${bar(s.totalBytes ? s.doneBytes / s.totalBytes : 0, barWidth)}]${tail}`, width);
}

function itemLine(a: { name: string; bytes: number; size: number | undefined }, width: number): string {
  const amount = a.size !== undefined ? `${formatBytes(a.bytes)}/${formatBytes(a.size)}` : formatBytes(a.bytes);
  const right = ` [${bar(a.size ? a.bytes / a.size : 0, 12)}] ${amount}`;
  const room = Math.max(10, width - right.length - 2);
  const name = a.name.length > room ? '…' + a.name.slice(a.name.length - room + 1) : a.name;
  return fit(`  ${name.padEnd(room)}${right}`, width);
}

function bar(fraction: number, width: number): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '#'.repeat(full) + '.'.repeat(width - full);
}

function percent(s: ProgressSnapshot): string {
  if (!s.totalBytes) return s.totalBytes === 0 ? '100%' : '--%';
  return `${Math.floor((100 * s.doneBytes) / s.totalBytes)}%`;
}

function fit(line: string, width: number): string {
  return line.length > width ? line.slice(0, width) : line;
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
