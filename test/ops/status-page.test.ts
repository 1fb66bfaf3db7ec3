import { describe, expect, it } from 'vitest';
import { renderStatusPage } from '../../src/ops/status-page.js';
import { sampleModel } from './fixtures.js';

describe('status page', () => {
  it('is one self-contained document: no script, no external asset, reloads itself', () => {
    const page = renderStatusPage(sampleModel());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(page).toContain('<meta http-equiv="refresh" content="30">');
    for (const id of ['seeded', 'traffic', 'top', 'misses', 'certificates', 'dns']) expect(page).toContain(`<section id="${id}">`);
  });

  it('leads with the numbers an admin looks for first', () => {
    const page = renderStatusPage(sampleModel());
    expect(page).toMatch(/Hit ratio<\/div><div class="value">75 %<\/div><div class="dim">3 hits of 4 object requests/);
    expect(page).toMatch(/Stored<\/div><div class="value">5.00 GiB<\/div><div class="dim">1,234 objects in 1 namespace</);
    expect(page).toMatch(/CA<\/div><div class="value">3650 days/);
    expect(page).toContain('offline</span> mode');
    expect(page).toContain('version 9.9.9');
    expect(page).toContain('up 3 h 0 min');
  });

  it('shows the jobs section only while a job runs', () => {
    expect(renderStatusPage(sampleModel())).not.toContain('id="jobs"');
    const job = { kind: 'import', pid: 42, startedAt: 0, updatedAt: 0, progress: { phase: 'import', doneBytes: 512, totalBytes: 1024, doneItems: 1, totalItems: 2, rate: 0, etaSeconds: undefined, elapsedSeconds: 1, active: [] } };
    const page = renderStatusPage(sampleModel({ jobs: [job] }));
    expect(page).toContain('<section id="jobs">');
    expect(page).toMatch(/import <span class="dim">pid 42<\/span>/);
    expect(page).toContain('<progress max="1" value="0.500"></progress> 50 %');
  });
});
