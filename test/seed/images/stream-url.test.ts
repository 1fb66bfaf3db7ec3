import { describe, expect, it } from 'vitest';
import { locateStream } from '../../../src/seed/images/stream-url.js';

describe('locateStream', () => {
  it('a stream root gets streams/v1/index.sjson, with or without its trailing slash', () => {
    expect(locateStream('http://images.maas.io/ephemeral-v3/stable/')).toEqual({ root: 'http://images.maas.io/ephemeral-v3/stable/', indexRel: 'streams/v1/index.sjson' });
    expect(locateStream('http://images.maas.io/ephemeral-v3/stable')).toEqual({ root: 'http://images.maas.io/ephemeral-v3/stable/', indexRel: 'streams/v1/index.sjson' });
  });

  it('a URL naming a signed index uses it', () => {
    expect(locateStream('http://images.maas.io/ephemeral-v3/candidate/streams/v1/index.sjson')).toEqual({ root: 'http://images.maas.io/ephemeral-v3/candidate/', indexRel: 'streams/v1/index.sjson' });
  });

  it('refuses an unsigned index', () => {
    expect(() => locateStream('http://images.maas.io/ephemeral-v3/stable/streams/v1/index.json')).toThrow(/unsigned index/);
  });
});
