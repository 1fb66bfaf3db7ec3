import { describe, expect, it } from 'vitest';
import { seededSection } from '../../src/ops/status-seeded.js';
import { sampleModel } from './fixtures.js';

describe('status page: what is seeded', () => {
  it('lists APT suites with snapshot dates, image versions, namespaces and imports', () => {
    const m = sampleModel();
    const text = seededSection(m).text;
    expect(text).toMatch(/ubuntu-archive <span class="dim">\/ubuntu<\/span><\/td><td class="strong">noble-updates<\/td>\s*<td>2024-04-25 15:10 UTC <span class="dim">\(5 d 20 h ago\)<\/span>/);
    expect(text).toContain('<td>main universe</td><td>amd64</td>');
    expect(text).toContain('<td class="strong">noble</td><td>amd64</td><td>ga-24.04</td><td>20250805</td>');
    expect(text).toContain('<span class="warn">missing boot-initrd</span>');
    expect(text).toMatch(/<td class="strong">lxd<\/td><td>latest\/stable<\/td><td class="num">31333<\/td><td>6\.1<\/td><td>amd64 arm64<\/td>\s*<td><span class="ok">complete<\/span>/);
    expect(text).toMatch(/core22.*\s*<td><span class="warn">incomplete<\/span>/);
    expect(text).toMatch(/<td class="strong">ubuntu-archive<\/td><td>ubuntu-archive<\/td><td class="num">1,234<\/td><td class="num">5.00 GiB<\/td>/);
    expect(text).toMatch(/<code>ffffffffffff<\/code> <span class="dim">noble.bundle<\/span><\/td><td>seed<\/td>\s*<td>1 item<\/td><td><span class="ok">complete<\/span>/);
  });

  it('says plainly when nothing is seeded, and what to do', () => {
    const m = sampleModel();
    const text = seededSection({ ...m, summary: { ...m.summary, apt: [], images: [], snaps: [], namespaces: [], imports: [] } }).text;
    expect(text).toContain('No APT suite is stored yet.');
    expect(text).toContain('No image stream is stored yet.');
    expect(text).toContain('No snap is stored yet.');
    expect(text).toContain('The store is empty: seed a bundle and import it');
    expect(text).toContain('No imports yet.');
  });

  it('shows a stream or suite it cannot read as a problem', () => {
    const m = sampleModel();
    const text = seededSection({ ...m, summary: { ...m.summary, images: [{ ns: 'maas-images', stream: '/s/', problem: 'signature not valid', versions: [] }], apt: [{ ...m.summary.apt[0]!, problem: 'not a clear-signed InRelease' }] } }).text;
    expect(text).toContain('<span class="bad">cannot read: signature not valid</span>');
    expect(text).toContain('<span class="bad">not a clear-signed InRelease</span>');
  });
});
