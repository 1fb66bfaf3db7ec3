import { describe, expect, it } from 'vitest';
import { selectFields } from '../../../src/sites/charm/fields.js';

const doc = { type: 'charm', id: 'i', name: 'n', result: { summary: 's', license: 'l' }, 'channel-map': [{ revision: { revision: 1, bases: [{ name: 'ubuntu', channel: '22.04' }] } }, { revision: { revision: 2, bases: [] } }] };

describe('info fields', () => {
  it('keeps type, id and name always, and only the paths asked for, through lists', () => {
    expect(selectFields(doc, null)).toEqual({ type: 'charm', id: 'i', name: 'n' });
    expect(selectFields(doc, 'result.summary,channel-map.revision.bases.name')).toEqual({ type: 'charm', id: 'i', name: 'n', result: { summary: 's' }, 'channel-map': [{ revision: { bases: [{ name: 'ubuntu' }] } }, { revision: { bases: [] } }] });
    expect(selectFields(doc, 'channel-map')).toMatchObject({ 'channel-map': doc['channel-map'] });
  });
});
