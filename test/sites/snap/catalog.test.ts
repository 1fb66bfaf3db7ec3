import { describe, expect, it } from 'vitest';
import { categoriesReply, deviceAuthReply, namesReply, sectionsReply } from '../../../src/sites/snap/catalog.js';

describe('catalog and device endpoints', () => {
  it('empty catalogs with the exact content types snapd checks', () => {
    expect(sectionsReply()).toEqual({ status: 200, headers: { 'content-type': 'application/hal+json' }, body: '{"_embedded":{"clickindex:sections":[]}}' });
    expect(namesReply()).toEqual({ status: 200, headers: { 'content-type': 'application/hal+json' }, body: '{"_embedded":{"clickindex:package":[]}}' });
    expect(categoriesReply()).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"categories":[]}' });
  });
  it('device registration gets a 4xx JSON error, never a 5xx', () => {
    const r = deviceAuthReply();
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body.toString()).error_list[0].code).toBe('offline');
  });
});
