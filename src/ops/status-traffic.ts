// Status page, traffic: requests and hit ratio per host group, the most requested objects, and
// the recent misses (what to seed next, also as /misses.yaml).
import { bytes, count, percent, ago } from './format.js';
import { html, type Html } from './html.js';
import type { StatusModel } from './status-model.js';
import { hitRatio } from './traffic.js';

export function trafficSection(m: StatusModel): Html {
  return html`<section id="traffic"><h2>Traffic since start</h2>
${m.traffic.length === 0 ? html`<p class="empty">No requests yet.</p>` : html`<table>
<thead><tr><th>Host group</th><th class="num">Requests</th><th class="num">Hits</th><th class="num">Fills</th><th class="num">Misses</th><th class="num">Refused</th><th class="num">Hit ratio</th><th class="num">Sent</th></tr></thead>
<tbody>${[...m.traffic, m.totals].map(
    (g) => html`<tr${g === m.totals ? html` class="total"` : ''}><td class="strong">${g.group}</td><td class="num">${count(g.requests)}</td><td class="num">${count(g.by.hit)}</td>
<td class="num">${count(g.by.fill)}</td><td class="num">${count(g.by.miss + g.by['offline-miss'])}</td><td class="num">${count(g.by.refused)}</td>
<td class="num">${percent(hitRatio(g))}</td><td class="num">${bytes(g.bytes)}</td></tr>`,
  )}</tbody></table>`}
<p class="dim">In flight now: ${count(m.fills.inFlight)} upstream fetch${m.fills.inFlight === 1 ? '' : 'es'}, ${count(m.fills.waiting)} client${m.fills.waiting === 1 ? '' : 's'} waiting on them.</p>
</section>
<section id="top"><h2>Top requested objects</h2>
${m.top.length === 0 ? html`<p class="empty">Nothing requested yet.</p>` : html`<table>
<thead><tr><th class="num">Requests</th><th class="num">Sent</th><th>Host group</th><th>Object</th><th>Last</th></tr></thead>
<tbody>${m.top.map(
    (t) => html`<tr><td class="num">${count(t.count)}</td><td class="num">${bytes(t.bytes)}</td><td>${t.info.group}</td><td class="path">${t.info.host}${t.info.path}</td><td>${ago(t.last, m.now)}</td></tr>`,
  )}</tbody></table>`}
</section>
<section id="misses"><h2>Recent misses</h2>
<p>Objects clients asked for that are not stored${m.mode === 'online' ? ' and upstream did not have' : ''}: what to seed next. As a seed manifest fragment: <a href="misses.yaml">misses.yaml</a>.</p>
${m.misses.length === 0 ? html`<p class="empty">No misses since start.</p>` : html`<table>
<thead><tr><th>Last</th><th class="num">Requests</th><th>Host group</th><th>URL</th></tr></thead>
<tbody>${m.misses.map(
    (x) => html`<tr><td>${ago(x.last, m.now)}</td><td class="num">${count(x.count)}</td><td>${x.group}</td><td class="path">${x.url}${x.query ? `?${x.query}` : ''}</td></tr>`,
  )}</tbody></table>`}
</section>`;
}
