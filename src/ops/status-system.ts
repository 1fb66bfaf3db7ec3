// Status page, the appliance itself: certificates and their expiry, the DNS names it answers, and
// import or verify jobs running beside it.
import { bytes, count, daysLeft, percent, when } from './format.js';
import { html, type Html } from './html.js';
import type { StatusModel } from './status-model.js';

function expiry(until: Date, now: number): Html {
  const d = daysLeft(until, now);
  const cls = d < 0 ? 'bad' : d < 30 ? 'warn' : 'ok';
  return html`${when(until.getTime())} <span class="${cls}">${d < 0 ? `expired ${-d} days ago` : `${d} days left`}</span>`;
}

export function certificatesSection(m: StatusModel): Html {
  const ca = m.summary.ca;
  if ('problem' in ca) return html`<section id="certificates"><h2>Certificates</h2><p class="bad">${ca.problem}</p></section>`;
  return html`<section id="certificates"><h2>Certificates</h2>
<table class="kv"><tbody>
<tr><th>CA</th><td>${ca.current.subject}</td></tr>
<tr><th>SHA-256</th><td><code>${ca.current.fingerprint256}</code></td></tr>
<tr><th>Valid until</th><td>${expiry(ca.current.notAfter, m.now)}</td></tr>
<tr><th>Install on clients</th><td><code>curl -fsS http://APPLIANCE/airgap-cache/ca.crt</code> or the cloud-init user-data at <code>/airgap-cache/user-data</code></td></tr>
${ca.previous.map((p) => html`<tr><th>Previous CA</th><td>${p.subject}, still trusted until rotation finishes; ${expiry(p.notAfter, m.now)}</td></tr>`)}
</tbody></table>
${ca.leaves.length === 0 ? html`<p class="empty">No server certificate issued yet (one is made per name on first HTTPS use).</p>` : html`<table>
<thead><tr><th>Server name</th><th>Valid until</th><th>Signed by</th></tr></thead>
<tbody>${ca.leaves.map(
    (l) => html`<tr><td class="strong">${l.name}</td><td>${expiry(l.notAfter, m.now)}</td><td>${l.signedByCurrentCa ? 'current CA' : html`<span class="warn">older CA; re-issued on next use</span>`}</td></tr>`,
  )}</tbody></table>`}
</section>`;
}

export function dnsSection(m: StatusModel): Html {
  return html`<section id="dns"><h2>DNS</h2>
<p>Names this appliance answers with its own address (every other name is forwarded to the site's resolvers or refused):</p>
<table>
<thead><tr><th>Host group</th><th>Names</th><th>Upstream</th></tr></thead>
<tbody>${m.hostGroups.map((g) => html`<tr><td class="strong">${g.name}</td><td>${g.hosts.join(', ')}</td><td class="dim">${g.upstream}</td></tr>`)}</tbody></table>
<div class="cols">
<table><caption>Queries since start: ${count(m.dns.total)}</caption>
<thead><tr><th>Answer</th><th class="num">Queries</th><th class="num">Share</th></tr></thead>
<tbody>${m.dns.byAnswer.length === 0 ? html`<tr><td colspan="3" class="empty">none yet</td></tr>` : m.dns.byAnswer.map(
    ([a, n]) => html`<tr><td>${a}</td><td class="num">${count(n)}</td><td class="num">${percent(n / m.dns.total)}</td></tr>`,
  )}</tbody></table>
<table><caption>Names answered most</caption>
<thead><tr><th>Name</th><th class="num">Queries</th></tr></thead>
<tbody>${m.dns.names.length === 0 ? html`<tr><td colspan="2" class="empty">none yet</td></tr>` : m.dns.names.map((n) => html`<tr><td>${n.key}</td><td class="num">${count(n.count)}</td></tr>`)}</tbody></table>
${m.dns.refused.length === 0 ? '' : html`<table class="refused"><caption>Names refused most <span class="dim">(not served here)</span></caption>
<thead><tr><th>Name</th><th class="num">Queries</th></tr></thead>
<tbody>${m.dns.refused.map((n) => html`<tr><td>${n.key}</td><td class="num">${count(n.count)}</td></tr>`)}</tbody></table>`}
</div>
</section>`;
}

export function jobsSection(m: StatusModel): Html {
  if (m.jobs.length === 0) return html``;
  return html`<section id="jobs"><h2>Running jobs</h2>
<table>
<thead><tr><th>Job</th><th>Phase</th><th>Started</th><th class="num">Done</th><th class="num">Progress</th></tr></thead>
<tbody>${m.jobs.map((j) => {
    const p = j.progress;
    const share = p.totalBytes ? p.doneBytes / p.totalBytes : p.totalItems ? p.doneItems / p.totalItems : undefined;
    return html`<tr><td class="strong">${j.kind} <span class="dim">pid ${j.pid}</span></td><td>${p.phase}</td><td>${when(j.startedAt)}</td>
<td class="num">${bytes(p.doneBytes)}${p.totalBytes ? ` of ${bytes(p.totalBytes)}` : ''}, ${count(p.doneItems)}${p.totalItems ? ` of ${count(p.totalItems)}` : ''} items</td>
<td class="num">${share === undefined ? '–' : html`<progress max="1" value="${share.toFixed(3)}"></progress> ${percent(share)}`}</td></tr>`;
  })}</tbody></table>
</section>`;
}
