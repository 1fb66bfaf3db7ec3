import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { type ZodIssue } from 'zod';
import { AgcError } from '../errors.js';
import { configSchema, type Config } from './schema.js';

/** The config file shipped with the package: used when --config is not given. */
export const defaultConfigPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../config/default.yaml');

export type Overrides = Record<string, unknown>;

/** Reads, validates and freezes a configuration; every bad key is reported with its path and value. */
export function loadConfig(file: string | undefined, overrides: Overrides = {}): Readonly<Config> {
  const path = file ?? defaultConfigPath;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AgcError('AGC_ERR_CONFIG', `cannot read config file ${path}: ${(cause as Error).message}`, { subject: path, cause });
  }
  const config = parseConfig(text, path, overrides);
  if (config.admin.token !== '') refuseWorldReadable(path);
  return config;
}

/** A file holding the admin token must not be readable by every user (group-readable is fine: 0640 root:airgap-cache). */
function refuseWorldReadable(path: string): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o004) !== 0) {
    throw new AgcError('AGC_ERR_CONFIG', `${path} holds admin.token and is readable by every user (mode ${mode.toString(8)}); run chmod o-r ${path}`, { subject: path });
  }
}

export function parseConfig(text: string, source: string, overrides: Overrides = {}): Readonly<Config> {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new AgcError('AGC_ERR_CONFIG', `${source}: not valid YAML: ${first.message.split('\n')[0]}`, { subject: source });
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgcError('AGC_ERR_CONFIG', `${source}: expected a mapping at the top level`, { subject: source });
  }
  const merged = mergeDeep(raw as Record<string, unknown>, overrides);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => describeIssue(issue, merged));
    throw new AgcError('AGC_ERR_CONFIG', `${source}: ${lines.join('; ')}`, { subject: source });
  }
  return deepFreeze(result.data);
}

function describeIssue(issue: ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.') || '(top level)';
  const got = valueAt(input, issue.path as PropertyKey[]);
  // A secret is never echoed, not even a wrong one.
  const secret = issue.path[issue.path.length - 1] === 'token';
  const shown = got === undefined || secret ? '' : ` (got ${JSON.stringify(got)})`;
  if (issue.code === 'unrecognized_keys') {
    return `${path === '(top level)' ? '' : path + ': '}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return `${path}: ${issue.message}${shown}`;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Command-line overrides win over the file; nested mappings merge, undefined means "not given". */
function mergeDeep(base: Record<string, unknown>, over: Overrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(value) && isPlainObject(prev) ? mergeDeep(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
