// /misses.yaml: the recent misses as a seed manifest fragment (src/seed/manifest.ts) an admin can
// review and feed to `airgap-cache seed`. Each miss goes to the section that can seed it validly:
//   APT  …/dists/SUITE/…                 -> apt: (the suite as a signed snapshot; an index alone
//                                            would be refused on import without its InRelease)
//   images …/streams/v1/*.sjson|json     -> images: (the stream root)
//   anything else without a query        -> urls:
// A miss with a query string (store APIs) cannot be a URL entry; it is listed as a comment.
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Miss } from './recent-misses.js';

interface AptEntry {
  mirror: string;
  suites: Set<string>;
  components: Set<string>;
  architectures: Set<string>;
  contents: boolean;
  sources: boolean;
}

const aptSuitePath = /^(.*?)\/dists\/([^/]+)\/(.*)$/;
const imagesMetadata = /^(.*\/)streams\/v1\/[^/]+\.s?json$/;

/** A URL for a request path: percent-encoded where a URL needs it, decoding back to the same path. */
export function urlFor(origin: string, path: string): string {
  return origin.replace(/\/$/, '') + encodeURI(path).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

export function missesManifest(misses: readonly Miss[], now = new Date()): string {
  const apt = new Map<string, AptEntry>();
  const streams = new Set<string>();
  const urls: { url: string; note: string }[] = [];
  const unseedable: Miss[] = [];
  for (const m of misses) {
    const origin = originOf(m.url);
    const suite = m.site === 'apt' ? aptSuitePath.exec(m.path) : null;
    const stream = m.site === 'images' ? imagesMetadata.exec(m.path) : null;
    if (m.query !== '') unseedable.push(m);
    else if (suite) addApt(apt, urlFor(origin, suite[1]!), suite[2]!, suite[3]!);
    else if (stream) streams.add(urlFor(origin, stream[1]!));
    else urls.push({ url: m.url, note: `${m.count} request${m.count === 1 ? '' : 's'}, last ${new Date(m.last).toISOString()}` });
  }
  const data: Record<string, unknown> = {};
  if (apt.size > 0) data.apt = [...apt.values()].map(aptConfig);
  if (streams.size > 0) data.images = [...streams].map((stream) => ({ stream }));
  if (urls.length > 0) data.urls = urls.map((u) => u.url);
  const doc = new Document(data);
  doc.commentBefore = header(misses.length, now, unseedable);
  const urlSeq = doc.get('urls', true);
  if (isSeq(urlSeq)) urlSeq.items.forEach((item, i) => ((item as { comment?: string }).comment = ` ${urls[i]!.note}`));
  const aptSeq = doc.get('apt', true);
  if (isSeq(aptSeq)) for (const entry of (aptSeq as YAMLSeq).items) flowLists(entry);
  return Object.keys(data).length === 0 ? `#${doc.commentBefore.replace(/\n/g, '\n#')}\n` : doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function header(count: number, now: Date, unseedable: readonly Miss[]): string {
  const lines = [
    ` airgap-cache: ${count === 0 ? 'no misses since the appliance started' : `the ${count} most recent misses`}, as a seed manifest fragment (${now.toISOString()}).`,
    ' Review it, merge it into your manifest, and on a connected machine: airgap-cache seed MANIFEST --out BUNDLE',
  ];
  if (unseedable.length > 0) {
    lines.push(' These misses carry a query string (store API calls), which a manifest cannot name as a URL:');
    for (const m of unseedable.slice(0, 50)) lines.push(`   ${m.url}?${m.query}`);
  }
  return lines.join('\n');
}

function addApt(apt: Map<string, AptEntry>, mirror: string, suite: string, rel: string): void {
  let e = apt.get(mirror);
  if (!e) {
    e = { mirror, suites: new Set(), components: new Set(), architectures: new Set(), contents: false, sources: false };
    apt.set(mirror, e);
  }
  e.suites.add(suite);
  const [first = '', second = ''] = rel.split('/');
  const isComponent = rel.includes('/') && !first.startsWith('by-hash');
  if (isComponent) e.components.add(first);
  const arch = /^binary-([A-Za-z0-9-]+)$/.exec(second)?.[1] ?? /Contents-(?:udeb-)?([A-Za-z0-9-]+?)(?:\.[a-z0-9]+)?$/.exec(rel)?.[1];
  if (arch && arch !== 'all' && arch !== 'source') e.architectures.add(arch);
  if (/Contents-/.test(rel)) e.contents = true;
  if (second === 'source') e.sources = true;
}

function aptConfig(e: AptEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { mirror: e.mirror, suites: [...e.suites] };
  if (e.components.size > 0) out.components = [...e.components];
  if (e.architectures.size > 0) out.architectures = [...e.architectures];
  if (e.contents) out.contents = true;
  if (e.sources) out.sources = true;
  return out;
}

function flowLists(entry: unknown): void {
  if (!isMap(entry)) return;
  for (const pair of (entry as YAMLMap).items) if (isSeq(pair.value)) pair.value.flow = true;
}

function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/**
 * Where a seed fetches a missed object: the group's upstream when a seed would accept that host
 * (it must be one the appliance serves), else the upstream's scheme and port with the host the
 * client asked for.
 */
export function seedOrigin(upstream: string, clientHost: string, served: (host: string) => boolean): string {
  const u = new URL(upstream);
  if (served(u.hostname)) return `${u.protocol}//${u.host}`;
  return `${u.protocol}//${clientHost}${u.port ? `:${u.port}` : ''}`;
}
