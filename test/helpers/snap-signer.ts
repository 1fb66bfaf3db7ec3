// Test-made snap assertions: a root key and a store key of our own (real RSA, real OpenPGP v4
// packets in snapd's encoding), so imports and seeds of made-up snaps can be verified, and
// tampering caught, without Canonical's keys. snapd itself will never trust these (its roots are
// compiled in, spec §14): that is what the real fixtures under shared/fixtures/snaps are for.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

function wrap(b64: string): string {
  return b64.replace(/(.{76})/g, '$1\n').replace(/\n$/, '');
}

function packet(tag: number, body: Buffer): Buffer {
  let len: Buffer;
  if (body.length < 192) len = Buffer.from([body.length]);
  else if (body.length < 8384) len = Buffer.from([((body.length - 192) >> 8) + 192, (body.length - 192) & 0xff]);
  else {
    len = Buffer.alloc(5);
    len[0] = 255;
    len.writeUInt32BE(body.length, 1);
  }
  return Buffer.concat([Buffer.from([0x01, 0xc0 | tag]), len, body]);
}

function mpi(v: Buffer): Buffer {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const value = v.subarray(i);
  const bits = (value.length - 1) * 8 + (32 - Math.clz32(value[0]!));
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bits);
  return Buffer.concat([head, value]);
}

export class TestKey {
  readonly privateKey: KeyObject;
  readonly encoded: Buffer;
  readonly id: string;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    const body = Buffer.concat([Buffer.from([4, 0x60, 0, 0, 0, 1]), mpi(Buffer.from(jwk.n!, 'base64url')), mpi(Buffer.from(jwk.e!, 'base64url'))]);
    this.encoded = packet(6, body);
    this.id = createHash('sha3-384').update(this.encoded).digest('base64url');
  }

  signature(content: Buffer): string {
    const hashed = Buffer.from([4, 0x00, 1, 10, 0, 6, 5, 2, 0x60, 0, 0, 0]);
    const trailer = Buffer.from([0x04, 0xff, 0, 0, 0, hashed.length]);
    const digestInput = Buffer.concat([content, hashed, trailer]);
    const sig = sign('sha512', digestInput, this.privateKey);
    const left16 = createHash('sha512').update(digestInput).digest().subarray(0, 2);
    const unhashed = Buffer.from([0, 10, 9, 16, 1, 2, 3, 4, 5, 6, 7, 8]);
    return wrap(packet(2, Buffer.concat([hashed, unhashed, left16, mpi(sig)])).toString('base64'));
  }
}

/** Encodes and signs one assertion: headers in the order given, sign-key-sha3-384 last. */
export function signAssertion(headers: Record<string, string>, key: TestKey, body?: Buffer): Buffer {
  const all = { ...headers, ...(body && body.length > 0 ? { 'body-length': String(body.length) } : {}), 'sign-key-sha3-384': key.id };
  const head = Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\n');
  const content = body && body.length > 0 ? Buffer.concat([Buffer.from(`${head}\n\n`), body]) : Buffer.from(head);
  return Buffer.concat([content, Buffer.from(`\n\n${key.signature(content)}`)]);
}

export interface TestSnapRevision {
  name: string;
  id: string;
  revision: number;
  blob: Buffer;
  publisherId?: string;
}

/** A root (trusted through configuration) and a store key it signs, like Canonical's pair. */
export class TestAuthority {
  readonly root = new TestKey();
  readonly store = new TestKey();
  readonly rootAccountKey: Buffer;
  readonly storeAccountKey: Buffer;

  constructor(readonly authority = 'testrootorg') {
    const keyBody = (k: TestKey) => Buffer.from(wrap(k.encoded.toString('base64')));
    this.rootAccountKey = signAssertion({ type: 'account-key', 'authority-id': authority, 'public-key-sha3-384': this.root.id, 'account-id': authority, name: 'root', since: '2016-04-01T00:00:00.0Z' }, this.root, keyBody(this.root));
    this.storeAccountKey = signAssertion({ type: 'account-key', 'authority-id': authority, 'public-key-sha3-384': this.store.id, 'account-id': authority, name: 'store', since: '2016-04-01T00:00:00.0Z' }, this.root, keyBody(this.store));
  }

  account(id: string, username = 'pub'): Buffer {
    return signAssertion({ type: 'account', 'authority-id': this.authority, 'account-id': id, 'display-name': username, timestamp: '2024-01-01T00:00:00Z', username, validation: 'unproven' }, this.store);
  }

  declaration(s: TestSnapRevision): Buffer {
    return signAssertion({ type: 'snap-declaration', 'authority-id': this.authority, series: '16', 'snap-id': s.id, 'publisher-id': s.publisherId ?? 'publisherid0000000000000000000000', 'snap-name': s.name, timestamp: '2024-01-01T00:00:00Z' }, this.store);
  }

  revision(s: TestSnapRevision, override: Partial<Record<string, string>> = {}): Buffer {
    const sha3 = createHash('sha3-384').update(s.blob).digest('base64url');
    const headers: Record<string, string> = { type: 'snap-revision', 'authority-id': this.authority, 'snap-sha3-384': sha3, 'developer-id': s.publisherId ?? 'publisherid0000000000000000000000', 'snap-id': s.id, 'snap-revision': String(s.revision), 'snap-size': String(s.blob.length), timestamp: '2024-01-01T00:00:00Z' };
    for (const [k, v] of Object.entries(override)) if (v !== undefined) headers[k] = v;
    return signAssertion(headers, this.store);
  }

  /** The stream `snap download` would write: store key, publisher account, declaration, revision. */
  stream(s: TestSnapRevision): Buffer {
    const parts = [this.storeAccountKey, this.account(s.publisherId ?? 'publisherid0000000000000000000000'), this.declaration(s), this.revision(s)];
    return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p, Buffer.from('\n')] : [Buffer.from('\n'), p, Buffer.from('\n')])));
  }
}
