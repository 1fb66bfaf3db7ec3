// How cloud-init tells user-data formats apart (cloudinit/user_data.py `convert_string` and
// handlers/__init__.py `type_from_starts_with`, 22.4.2): MIME when `mime-version:` appears in the
// first 4096 bytes, otherwise by the first characters, case-insensitive, after leading whitespace,
// longest prefix first.

const prefixes: readonly (readonly [string, string])[] = [
  ['#include', 'text/x-include-url'],
  ['#include-once', 'text/x-include-once-url'],
  ['#!', 'text/x-shellscript'],
  ['#cloud-config', 'text/cloud-config'],
  ['#part-handler', 'text/part-handler'],
  ['#cloud-boothook', 'text/cloud-boothook'],
  ['#cloud-config-archive', 'text/cloud-config-archive'],
  ['#cloud-config-jsonp', 'text/cloud-config-jsonp'],
  ['## template: jinja', 'text/jinja2'],
  ['text/x-shellscript-per-boot', 'text/x-shellscript-per-boot'],
  ['text/x-shellscript-per-instance', 'text/x-shellscript-per-instance'],
  ['text/x-shellscript-per-once', 'text/x-shellscript-per-once'],
];
const longestFirst = [...prefixes].sort((a, b) => b[0].length - a[0].length);

export function isMime(text: string): boolean {
  return text.slice(0, 4096).toLowerCase().includes('mime-version:');
}

/** The content type cloud-init gives a payload from its first characters, or undefined. */
export function typeFromStartsWith(text: string): string | undefined {
  // Python's lstrip, not JS trimStart: a byte-order mark is not whitespace to cloud-init.
  const head = text.replace(/^[ \t\n\r\f\v]+/, '').slice(0, 64).toLowerCase();
  return longestFirst.find(([prefix]) => head.startsWith(prefix))?.[1];
}

export type InputFormat = { kind: 'mime' } | { kind: 'single'; contentType: string } | { kind: 'unknown' };

export function detectFormat(text: string): InputFormat {
  if (isMime(text)) return { kind: 'mime' };
  const contentType = typeFromStartsWith(text);
  return contentType ? { kind: 'single', contentType } : { kind: 'unknown' };
}
