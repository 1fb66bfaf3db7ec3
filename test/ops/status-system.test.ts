import { describe, expect, it } from 'vitest';
import { certificatesSection, dnsSection, jobsSection } from '../../src/ops/status-system.js';
import { sampleModel } from './fixtures.js';

describe('status page: certificates, DNS, jobs', () => {
  it('shows the CA and each leaf with its expiry, warning inside 30 days', () => {
    const text = certificatesSection(sampleModel()).text;
    expect(text).toContain('<td>CN=airgap-cache CA</td>');
    expect(text).toMatch(/2034-04-29 12:00 UTC <span class="ok">3650 days left<\/span>/);
    expect(text).toMatch(/archive\.ubuntu\.com<\/td><td>2024-05-21 12:00 UTC <span class="warn">20 days left<\/span>/);
  });

  it('says when the CA cannot be read', () => {
    const m = sampleModel();
    expect(certificatesSection({ ...m, summary: { ...m.summary, ca: { problem: 'there is no CA' } } }).text).toContain('<p class="bad">there is no CA</p>');
  });

  it('lists the names answered per host group, queries by answer and the names asked most', () => {
    const text = dnsSection(sampleModel()).text;
    expect(text).toContain('<td class="strong">ubuntu-archive</td><td>archive.ubuntu.com, security.ubuntu.com, *.archive.ubuntu.com</td>');
    expect(text).toContain('Queries since start: 10');
    expect(text).toContain('<tr><td>answer</td><td class="num">8</td><td class="num">80 %</td></tr>');
    expect(text).toContain('<tr><td>archive.ubuntu.com</td><td class="num">8</td></tr>');
    expect(text).toMatch(/Names refused most.*\s*<thead>.*\s*<tbody><tr><td>esm\.ubuntu\.com<\/td><td class="num">2<\/td><\/tr>/);
  });

  it('renders nothing for jobs when none runs', () => {
    expect(jobsSection(sampleModel()).text).toBe('');
  });
});
