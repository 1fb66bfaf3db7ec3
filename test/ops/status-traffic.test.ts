import { describe, expect, it } from 'vitest';
import { trafficSection } from '../../src/ops/status-traffic.js';
import { sampleModel } from './fixtures.js';

describe('status page: traffic, top objects, misses', () => {
  it('shows per group requests and hit ratio with a total row', () => {
    const text = trafficSection(sampleModel()).text;
    expect(text).toMatch(/<tr><td class="strong">ubuntu-archive<\/td><td class="num">4<\/td><td class="num">3<\/td>\s*<td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td>\s*<td class="num">75 %<\/td><td class="num">8.80 KiB<\/td><\/tr>/);
    expect(text).toMatch(/<tr class="total"><td class="strong">all<\/td><td class="num">5<\/td>/);
    expect(text).toContain('<td class="path">archive.ubuntu.com/ubuntu/dists/noble-updates/InRelease</td>');
  });

  it('lists misses with a link to misses.yaml, escaping what clients sent', () => {
    const m = sampleModel();
    const evil = { ...m.misses[0]!, url: 'http://archive.ubuntu.com/<img src=x onerror=alert(1)>', query: 'a=<b>' };
    const text = trafficSection({ ...m, misses: [evil] }).text;
    expect(text).toContain('<a href="misses.yaml">misses.yaml</a>');
    expect(text).toContain('http://archive.ubuntu.com/&#60;img src=x onerror=alert(1)&#62;?a=&#60;b&#62;');
    expect(text).not.toContain('<img');
  });

  it('says when there is nothing yet', () => {
    const m = sampleModel({ traffic: [], top: [], misses: [] });
    const text = trafficSection(m).text;
    expect(text).toContain('No requests yet.');
    expect(text).toContain('Nothing requested yet.');
    expect(text).toContain('No misses since start.');
  });
});
