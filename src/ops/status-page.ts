// GET / on the admin door: one server-rendered page an admin can read at a glance. No script, no
// external asset (the site is offline); it reloads itself every 30 seconds.
import { bytes, count, daysLeft, duration, percent, when } from './format.js';
import { Html, html } from './html.js';
import type { StatusModel } from './status-model.js';
import { seededSection } from './status-seeded.js';
import { certificatesSection, dnsSection, jobsSection } from './status-system.js';
import { trafficSection } from './status-traffic.js';
import { hitRatio } from './traffic.js';

const css = `
:root { --fg: #1b1f24; --dim: #5b6470; --bg: #fff; --line: #d8dde3; --zebra: #f5f7f9; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --dim: #9aa5b1; --bg: #0d1117; --line: #30363d; --zebra: #161b22; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --accent: #58a6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 14px 28px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 6px 22px; align-items: baseline; }
header h1 { font-size: 21px; margin: 0; }
main { padding: 6px 28px 40px; max-width: 1400px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 18px 0 8px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.tile .label { color: var(--dim); font-size: 13px; }
.tile .value { font-size: 26px; font-weight: 600; }
nav { margin: 10px 0 0; font-size: 14px; }
nav a { margin-right: 14px; }
a { color: var(--accent); }
h2 { font-size: 19px; margin: 30px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
table { border-collapse: collapse; margin: 6px 0 12px; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--dim); font-weight: 600; }
tbody tr:nth-child(even) { background: var(--zebra); }
tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; padding-left: 12px; }
.path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
.kv th { width: 150px; }
.strong { font-weight: 600; }
.dim, .empty { color: var(--dim); }
.ok { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.cols { display: flex; flex-wrap: wrap; gap: 0 40px; align-items: flex-start; }
.cols table { min-width: 300px; }
`;

function tile(label: string, value: string, note: Html | string = ''): Html {
  return html`<div class="tile"><div class="label">${label}</div><div class="value">${value}</div><div class="dim">${note}</div></div>`;
}

export function renderStatusPage(m: StatusModel): string {
  const stored = m.summary.namespaces.reduce((a, n) => ({ objects: a.objects + n.objects, bytes: a.bytes + n.bytes }), { objects: 0, bytes: 0 });
  const ca = m.summary.ca;
  const caDays = 'problem' in ca ? undefined : daysLeft(ca.current.notAfter, m.now);
  const t = m.totals;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30"><title>airgap-cache status</title><style>${new Html(css)}</style></head>
<body><header><h1>airgap-cache</h1><span><span class="strong">${m.mode}</span> mode</span><span>version ${m.version}</span>
<span>up ${duration(m.now - m.startedAt)}</span><span class="dim">as of ${when(m.now)}; store summary ${duration(m.now - m.summary.at)} old</span></header>
<main>
<div class="tiles">
${tile('Hit ratio', percent(hitRatio(t)), `${count(t.by.hit)} hits of ${count(t.by.hit + t.by.fill + t.by.miss + t.by['offline-miss'])} object requests`)}
${tile('Requests', count(t.requests), `${bytes(t.bytes)} sent`)}
${tile('Recent misses', count(m.misses.length), html`<a href="misses.yaml">misses.yaml</a> to seed them`)}
${tile('Stored', bytes(stored.bytes), `${count(stored.objects)} objects in ${m.summary.namespaces.length} namespace${m.summary.namespaces.length === 1 ? '' : 's'}`)}
${tile('CA', caDays === undefined ? 'missing' : `${caDays} days`, caDays === undefined ? '' : 'until the CA expires')}
</div>
<nav><a href="#seeded">Seeded</a><a href="#traffic">Traffic</a><a href="#top">Top objects</a><a href="#misses">Misses</a><a href="#certificates">Certificates</a><a href="#dns">DNS</a>${m.jobs.length > 0 ? html`<a href="#jobs">Jobs</a>` : ''}<a href="metrics">Prometheus metrics</a></nav>
${jobsSection(m)}
${seededSection(m)}
${trafficSection(m)}
${certificatesSection(m)}
${dnsSection(m)}
</main></body></html>
`;
  return page.text;
}
