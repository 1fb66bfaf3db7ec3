// Status page, "What is seeded": APT suites with snapshot dates, image streams with their product
// versions, snaps with their channels, every namespace by size, and the import log.
import type { StreamStatus } from '../seed/images/status.js';
import type { SnapsStatus } from '../seed/snap/status.js';
import { ago, bytes, count, when } from './format.js';
import { html, type Html } from './html.js';
import type { StatusModel } from './status-model.js';

export function seededSection(m: StatusModel): Html {
  const s = m.summary;
  const servedBy = (ns: string): string => m.hostGroups.filter((g) => g.namespace === ns).map((g) => g.name).join(', ');
  return html`<section id="seeded"><h2>What is seeded</h2>
<h3>APT suites</h3>
${s.apt.length === 0 ? html`<p class="empty">No APT suite is stored yet.</p>` : html`<table>
<thead><tr><th>Archive</th><th>Suite</th><th>Snapshot (Release Date)</th><th>Components</th><th>Architectures</th><th>Stored</th></tr></thead>
<tbody>${s.apt.map(
    (a) => html`<tr><td>${servedBy(a.ns) || a.ns} <span class="dim">${a.root}</span></td><td class="strong">${a.suite}</td>
<td>${a.problem ? html`<span class="bad">${a.problem}</span>` : html`${when(a.snapshot)} <span class="dim">(${ago(a.snapshot, m.now)})</span>`}</td>
<td>${a.components.join(' ') || '–'}</td><td>${a.architectures.join(' ') || '–'}</td><td>${ago(a.storedAt, m.now)}</td></tr>`,
  )}</tbody></table>`}
<h3>Boot images (simplestreams)</h3>
${s.images.length === 0 ? html`<p class="empty">No image stream is stored yet.</p>` : s.images.map((st) => streamTable(st))}
<h3>Snaps</h3>
${s.snaps.length === 0 ? html`<p class="empty">No snap is stored yet.</p>` : s.snaps.map((n) => snapTable(n))}
<h3>Store per namespace</h3>
${s.namespaces.length === 0 ? html`<p class="empty">The store is empty: seed a bundle and import it (airgap-cache seed, airgap-cache import).</p>` : html`<table>
<thead><tr><th>Namespace</th><th>Served as</th><th class="num">Objects</th><th class="num">Size</th></tr></thead>
<tbody>${s.namespaces.map((n) => html`<tr><td class="strong">${n.ns}</td><td>${servedBy(n.ns) || '–'}</td><td class="num">${count(n.objects)}</td><td class="num">${bytes(n.bytes)}</td></tr>`)}</tbody></table>`}
<h3>Imports</h3>
${s.imports.length === 0 ? html`<p class="empty">No imports yet.</p>` : html`<table>
<thead><tr><th>Imported</th><th>Bundle</th><th>Kind</th><th>Asked for</th><th>Present</th></tr></thead>
<tbody>${[...s.imports].reverse().slice(0, 20).map(
    (i) => html`<tr><td>${when(Date.parse(i.importedAt))}</td><td><code>${i.bundleId.slice(0, 12)}</code> <span class="dim">${i.bundle}</span></td><td>${i.kind}</td>
<td>${i.requested.length} item${i.requested.length === 1 ? '' : 's'}</td><td>${i.complete ? html`<span class="ok">complete</span>` : html`<span class="warn">incomplete</span>`}</td></tr>`,
  )}</tbody></table>`}
</section>`;
}

function streamTable(st: StreamStatus): Html {
  if (st.problem) return html`<p><span class="strong">${st.ns} ${st.stream}</span>: <span class="bad">cannot read: ${st.problem}</span></p>`;
  return html`<table class="images">
<caption>${st.ns} <span class="dim">${st.stream}</span></caption>
<thead><tr><th>OS</th><th>Release</th><th>Arch</th><th>Subarch</th><th>Version</th><th>Items</th></tr></thead>
<tbody>${st.versions.length === 0 ? html`<tr><td colspan="6" class="empty">no items stored</td></tr>` : st.versions.map(
    (v) => html`<tr><td>${v.os}</td><td class="strong">${v.release}</td><td>${v.arch}</td><td>${v.subarch}</td><td>${v.version}</td>
<td>${v.complete ? html`<span class="ok">complete</span>` : html`<span class="warn">missing ${v.missing.join(', ')}</span>`}</td></tr>`,
  )}</tbody></table>`;
}

function snapTable(n: SnapsStatus): Html {
  return html`<table class="snaps">
<caption>${n.ns}</caption>
<thead><tr><th>Snap</th><th>Channel</th><th class="num">Revision</th><th>Version</th><th>Architectures</th><th>Install</th></tr></thead>
<tbody>${n.snaps.map(
    (x) => html`<tr><td class="strong">${x.name}</td><td>${x.channel}</td><td class="num">${x.revision}</td><td>${x.version}</td><td>${x.architectures.join(' ')}</td>
<td>${x.complete ? html`<span class="ok">complete</span>` : html`<span class="warn">incomplete</span>`}</td></tr>`,
  )}</tbody></table>`;
}
