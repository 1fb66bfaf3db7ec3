// How the status page writes numbers, dates and durations: UTC, fixed formats, no locale surprises.
export { formatBytes as bytes } from '../cli/progress-view.js';

export function when(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

export function ago(ms: number | undefined, now: number): string {
  if (ms === undefined) return '–';
  return now - ms < 60_000 ? 'just now' : `${duration(now - ms)} ago`;
}

/** One decimal, none when it is .0; never 100 % unless it is all (99.96 % shows as 99.9 %). */
export function percent(ratio: number | undefined): string {
  if (ratio === undefined) return '–';
  let s = (ratio * 100).toFixed(1);
  if (ratio < 1 && s === '100.0') s = '99.9';
  return `${s.endsWith('.0') ? s.slice(0, -2) : s} %`;
}

export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function daysLeft(until: Date | number, now: number): number {
  return Math.floor(((typeof until === 'number' ? until : until.getTime()) - now) / 86_400_000);
}
