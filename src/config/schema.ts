// Every setting and its default lives here; config/default.yaml documents the same values and a
// test keeps the two equal.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

export const hostPattern = z
  .string()
  .min(1)
  .transform((s) => s.toLowerCase().replace(/\.$/, ''))
  .refine((s) => /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s), {
    message: 'expected a host name or *.suffix',
  });

export const siteNames = ['generic'] as const;

export const hostGroupSchema = z.object({
  /** Stable name, used in logs and metrics. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Which site module speaks this service's protocol. */
  site: z.enum(siteNames).default('generic'),
  /** Cache namespace: groups that serve the same tree share one (the key is the path, not the host). */
  namespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** Exact names and `*.suffix` wildcards (any number of labels before the suffix). */
  hosts: z.array(hostPattern).min(1),
  /** Where online mode fetches misses: scheme, host and optional port, no path. */
  upstream: z.string().url().refine((u) => /^https?:\/\/[^/]+\/?$/.test(u), {
    message: 'expected http(s)://host[:port] with no path',
  }),
});

const hostAndPort = z.string().regex(/^[^\s=]+(:\d{1,5})?$/);

export const configSchema = z
  .object({
    /** offline: a miss is the upstream-shaped "not here"; online: a miss is fetched once and kept. */
    mode: z.enum(['offline', 'online']).default('offline'),
    dataDir: z.string().default('./data'),
    certsDir: z.string().default('./certs'),
    /** Address the public doors (DNS, HTTP, HTTPS) bind to. */
    listen: z.string().default('0.0.0.0'),
    /** Addresses the DNS responder answers with; empty means the listen address (or 127.0.0.1 for 0.0.0.0). */
    advertise: z.array(z.string()).default([]),
    ports: z
      .object({
        http: port.default(80),
        https: port.default(443),
        dns: port.default(53),
      })
      .strict()
      .default({ http: 80, https: 443, dns: 53 }),
    admin: z
      .object({
        /** host:port of the admin door; never one of the public doors. */
        listen: z.string().default('127.0.0.1:9180'),
      })
      .strict()
      .default({ listen: '127.0.0.1:9180' }),
    /** HOST -> IP[:PORT]: reach that upstream host at that address (like curl --resolve). */
    upstreamResolve: z.record(z.string(), hostAndPort).default({}),
    upstream: z
      .object({
        connectTimeoutMs: z.number().int().positive().default(10_000),
        /** Time allowed for the response headers after the request is sent. */
        headersTimeoutMs: z.number().int().positive().default(30_000),
        /** Longest silence allowed between two body chunks. */
        bodyTimeoutMs: z.number().int().positive().default(60_000),
      })
      .strict()
      .default({ connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 60_000 }),
    store: z
      .object({
        /** Entries of hot object metadata kept in memory. */
        metadataCacheEntries: z.number().int().positive().default(100_000),
        /** Read buffer per streamed response, bytes (1 MiB measured ~2x the 64 KiB default). */
        readBufferBytes: z.number().int().min(16_384).default(1_048_576),
      })
      .strict()
      .default({ metadataCacheEntries: 100_000, readBufferBytes: 1_048_576 }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
    hostGroups: z.array(hostGroupSchema).default(() => defaultHostGroups()),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type HostGroup = z.infer<typeof hostGroupSchema>;

export function defaultHostGroups(): HostGroup[] {
  return [
    {
      name: 'ubuntu-archive',
      site: 'generic',
      namespace: 'ubuntu-archive',
      hosts: ['archive.ubuntu.com', 'security.ubuntu.com', '*.archive.ubuntu.com'],
      upstream: 'http://archive.ubuntu.com',
    },
    {
      name: 'ubuntu-ports',
      site: 'generic',
      namespace: 'ubuntu-ports',
      hosts: ['ports.ubuntu.com', '*.ports.ubuntu.com'],
      upstream: 'http://ports.ubuntu.com',
    },
    {
      name: 'maas-images',
      site: 'generic',
      namespace: 'maas-images',
      hosts: ['images.maas.io'],
      upstream: 'http://images.maas.io',
    },
    {
      name: 'snap-store',
      site: 'generic',
      namespace: 'snap-store',
      hosts: ['api.snapcraft.io', '*.cdn.snapcraftcontent.com', '*.cdn.snapcraft.io'],
      upstream: 'https://api.snapcraft.io',
    },
    {
      name: 'charmhub',
      site: 'generic',
      namespace: 'charmhub',
      hosts: ['api.charmhub.io'],
      upstream: 'https://api.charmhub.io',
    },
  ];
}
