// Every setting and its default lives here; config/default.yaml documents the same values and a
// test keeps the two equal.
import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

export const hostPattern = z
  .string()
  .min(1)
  .transform((s) => s.toLowerCase().replace(/\.$/, ''))
  .refine((s) => /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s), {
    message: 'expected a host name or *.suffix',
  });

export const siteNames = ['generic', 'apt', 'images', 'snap', 'charm'] as const;

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

// --- dns: the responder (src/dns/) ---
const portNumber = (p: string | undefined): boolean => p === undefined || (/^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535);
const resolverAddress = z.string().refine(
  (s) => {
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(s);
    if (m) return isIP(m[1]!) === 6 && portNumber(m[2]);
    if (isIP(s) !== 0) return true;
    const [address = '', p, ...rest] = s.split(':');
    return rest.length === 0 && isIP(address) === 4 && portNumber(p);
  },
  { message: 'expected IP, IP:PORT or [IPv6]:PORT' },
);
const cidr = z.string().refine(
  (s) => {
    const [address = '', prefix, ...rest] = s.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  },
  { message: 'expected ADDRESS/PREFIX, e.g. 10.0.0.0/8 or fd00::/8' },
);
/** Loopback, RFC 1918, link-local, IPv6 unique-local: the site's own clients, never the internet. */
export const defaultAllowedNetworks = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10'];
const dnsSchema = z
  .object({
    /** Seconds a client may cache an intercepted answer, and a negative one (NXDOMAIN, NODATA). */
    ttl: z.number().int().min(0).max(86_400).default(60),
    /** The site's own resolvers, tried in order, for every other name. Empty: other names are REFUSED. */
    forwarders: z.array(resolverAddress).default([]),
    /** Time one forwarder has to answer before the next is tried (SERVFAIL after the last), ms. */
    forwardTimeoutMs: z.number().int().positive().max(60_000).default(2_000),
    /** Clients whose other names are forwarded; everyone else gets REFUSED (never an open resolver). */
    allowedNetworks: z.array(cidr).default(() => [...defaultAllowedNetworks]),
    /** Forwarded queries per second one client address may send; over it: REFUSED. 0: no limit. */
    forwardRateLimit: z.number().int().min(0).max(1_000_000).default(100),
    /** Forwarded queries a quiet client may send at once before the rate applies. */
    forwardBurst: z.number().int().min(1).max(1_000_000).default(400),
  })
  .strict();

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
        /** Bearer token (or Basic password) the admin door asks for; required off loopback. '' means none. */
        token: z.string().refine((t) => t === '' || t.length >= 16, { message: 'expected at least 16 characters (or "" for none)' }).default(''),
        /** Distinct misses the status page and /misses.yaml remember (oldest forgotten first). */
        recentMisses: z.number().int().min(1).max(100_000).default(500),
        /** Distinct objects counted for "top requested" (bounded; the least requested are dropped). */
        topObjects: z.number().int().min(10).max(100_000).default(2_000),
      })
      .strict()
      .default({ listen: '127.0.0.1:9180', token: '', recentMisses: 500, topObjects: 2_000 }),
    /** HOST -> IP[:PORT]: reach that upstream host at that address (like curl --resolve). */
    upstreamResolve: z.record(z.string(), hostAndPort).default({}),
    upstream: z
      .object({
        connectTimeoutMs: z.number().int().positive().default(10_000),
        /** Time allowed for the response headers after the request is sent. */
        headersTimeoutMs: z.number().int().positive().default(30_000),
        /** Longest silence allowed between two body chunks. */
        bodyTimeoutMs: z.number().int().positive().default(60_000),
        /** A whole upstream API call (snap store JSON), connect to last byte; snapd gives up after 10 s. */
        apiTimeoutMs: z.number().int().positive().default(8_000),
      })
      .strict()
      .default({ connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 60_000, apiTimeoutMs: 8_000 }),
    http: z
      .object({
        /** Open connections one client address may hold on the HTTP and HTTPS doors together. */
        maxConnectionsPerClient: z.number().int().positive().default(256),
        /** Time a client has to send its request headers, ms (slowloris). */
        headersTimeoutMs: z.number().int().positive().default(20_000),
        /** Time a client has to send its whole request, ms. */
        requestTimeoutMs: z.number().int().positive().default(60_000),
        /** Idle time before a keep-alive connection is closed, ms. */
        keepAliveTimeoutMs: z.number().int().positive().default(30_000),
        /** Processes serving the HTTP and HTTPS doors: 1 = the one process; 0 or "auto" = one per CPU. */
        workers: z.union([z.number().int().min(0).max(256), z.literal('auto')]).default(1),
      })
      .strict()
      .default({ maxConnectionsPerClient: 256, headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 30_000, workers: 1 }),
    store: z
      .object({
        /** Entries of hot object metadata kept in memory. */
        metadataCacheEntries: z.number().int().positive().default(100_000),
        /** Read buffer per streamed response, bytes (1 MiB measured ~2x the 64 KiB default). */
        readBufferBytes: z.number().int().min(16_384).default(1_048_576),
        /** Objects up to this size are served from memory once read (index files, small blobs), bytes. */
        smallObjectBytes: z.number().int().min(0).default(65_536),
        /** Memory for those small objects, bytes. */
        memoryCacheBytes: z.number().int().min(0).default(134_217_728),
      })
      .strict()
      .default({ metadataCacheEntries: 100_000, readBufferBytes: 1_048_576, smallObjectBytes: 65_536, memoryCacheBytes: 134_217_728 }),
    apt: z
      .object({
        /** Keyrings (binary, as gpgv wants) that must sign every APT suite an import brings. */
        keyrings: z.array(z.string().min(1)).min(1).default(['/usr/share/keyrings/ubuntu-archive-keyring.gpg']),
        /** Online: how long a suite's InRelease is served before upstream is asked again, seconds. */
        metadataMaxAgeSeconds: z.number().int().min(0).default(300),
        /** By-hash objects a suite's current InRelease no longer lists are dropped after this, days. */
        byHashGraceDays: z.number().min(0).default(7),
      })
      .strict()
      .default({ keyrings: ['/usr/share/keyrings/ubuntu-archive-keyring.gpg'], metadataMaxAgeSeconds: 300, byHashGraceDays: 7 }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
        /** json: one pino JSON line per event; pretty: short coloured lines for a terminal. */
        format: z.enum(['json', 'pretty']).default('json'),
      })
      .strict()
      .default({ level: 'info', format: 'json' }),
    dns: dnsSchema.default(() => dnsSchema.parse({})),
    images: z
      .object({
        /** Keyrings (binary, as gpgv wants) that must sign every simplestreams index and products file an import brings. */
        keyrings: z.array(z.string().min(1)).min(1).default(['/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg']),
      })
      .strict()
      .default({ keyrings: ['/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg'] }),
    snaps: z
      .object({
        /** Files of self-signed root account-key assertions trusted besides Canonical's root (a brand or test store). */
        trustedAccountKeys: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ trustedAccountKeys: [] }),
    charm: z
      .object({
        /**
         * A site OCI registry holding the images of k8s charms: oci-image resources are served
         * rewritten to name it (same repository path and digest) with these credentials. Absent:
         * served as seeded (naming registry.jujucharms.com).
         */
        ociRegistry: z
          .object({
            url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'expected http(s)://host[:port][/prefix]' }),
            username: z.string().default(''),
            password: z.string().default(''),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    hostGroups: z.array(hostGroupSchema).default(() => defaultHostGroups()),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.admin.token === '' && !isLoopbackListen(c.admin.listen)) {
      ctx.addIssue({ code: 'custom', path: ['admin', 'token'], message: `the admin door on ${c.admin.listen} is reachable from other machines, so it needs a token` });
    }
  });

/** Whether a host:port names only this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackListen(listen: string): boolean {
  const host = /^\[?([^\]]*?)\]?:\d{1,5}$/.exec(listen)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export type Config = z.infer<typeof configSchema>;
export type HostGroup = z.infer<typeof hostGroupSchema>;

export function defaultHostGroups(): HostGroup[] {
  return [
    {
      name: 'ubuntu-archive',
      site: 'apt',
      namespace: 'ubuntu-archive',
      hosts: ['archive.ubuntu.com', 'security.ubuntu.com', '*.archive.ubuntu.com'],
      upstream: 'http://archive.ubuntu.com',
    },
    {
      name: 'ubuntu-ports',
      site: 'apt',
      namespace: 'ubuntu-ports',
      hosts: ['ports.ubuntu.com', '*.ports.ubuntu.com'],
      upstream: 'http://ports.ubuntu.com',
    },
    {
      name: 'maas-images',
      site: 'images',
      namespace: 'maas-images',
      hosts: ['images.maas.io'],
      upstream: 'http://images.maas.io',
    },
    {
      name: 'snap-store',
      site: 'snap',
      namespace: 'snap-store',
      hosts: ['api.snapcraft.io', '*.cdn.snapcraftcontent.com', '*.cdn.snapcraft.io'],
      upstream: 'https://api.snapcraft.io',
    },
    {
      name: 'charmhub',
      site: 'charm',
      namespace: 'charmhub',
      hosts: ['api.charmhub.io'],
      upstream: 'https://api.charmhub.io',
    },
  ];
}
