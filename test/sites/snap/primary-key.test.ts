import { describe, expect, it } from 'vitest';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { assertionPath, parseAssertionPath, primaryKey } from '../../../src/sites/snap/primary-key.js';
import { helloAssert } from '../../helpers/snap-records.js';

describe('assertion primary keys', () => {
  it('gives each fixture assertion the path snapd asks for', () => {
    expect(splitAssertions(helloAssert()).map(assertionPath)).toEqual([
      '/v2/assertions/account-key/BWDEoaqyr25nF5SNCvEv2v7QnM9QsfCc0PBMYD_i2NGSQ32EF2d4D0hqUel3m8ul',
      '/v2/assertions/account/sO7TPbndbZ1UVDdmeHJpWIA4D1hcjWO7',
      '/v2/assertions/snap-declaration/16/C5dNhzm9yryAvdNmZOgGAo74OioC3zSn',
      '/v2/assertions/snap-revision/xxQCmRz75gz2c5DDBQ1YXqV5qgV5KnbioiKlft1uIOEzks9LTL1vRY97sEuL19kX',
    ]);
  });

  it('drops a trailing optional key at its default, keeps it otherwise', () => {
    expect(primaryKey({ type: 'snap-revision', headers: { 'snap-sha3-384': 'abc', provenance: 'global-upload' } })).toEqual(['abc']);
    expect(primaryKey({ type: 'snap-revision', headers: { 'snap-sha3-384': 'abc', provenance: 'my-prov' } })).toEqual(['abc', 'my-prov']);
  });

  it('has no path for unknown types or unusable keys', () => {
    expect(assertionPath({ type: 'nonsense', headers: {} })).toBeUndefined();
    expect(assertionPath({ type: 'account', headers: {} })).toBeUndefined();
    expect(assertionPath({ type: 'account', headers: { 'account-id': 'a/b' } })).toBeUndefined();
  });

  it('parses request paths of known types only', () => {
    expect(parseAssertionPath('/v2/assertions/snap-declaration/16/ID')).toEqual({ type: 'snap-declaration', key: ['16', 'ID'] });
    expect(parseAssertionPath('/v2/assertions/snap-revision/abc')).toEqual({ type: 'snap-revision', key: ['abc'] });
    expect(parseAssertionPath('/v2/assertions/bogus/1')).toBeUndefined();
    expect(parseAssertionPath('/v2/assertions/account/a/b')).toBeUndefined();
    expect(parseAssertionPath('/v2/assertions/account')).toBeUndefined();
    expect(parseAssertionPath('/v2/snaps/info/x')).toBeUndefined();
  });
});
