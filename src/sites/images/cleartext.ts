// The body of a clear-signed .sjson (RFC 4880 §7: armour header lines, a blank line, the
// dash-escaped text, then the signature), without checking the signature. The site uses it only
// to learn what an item's bytes must be, which can refuse a fill but never let anything through;
// seeds and imports parse only what gpgv returns.

export function cleartextBody(doc: string): string | undefined {
  const lines = doc.split(/\r?\n/);
  const begin = lines.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin === -1) return undefined;
  const blank = lines.indexOf('', begin + 1);
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----', blank + 1);
  if (blank === -1 || end === -1) return undefined;
  return lines
    .slice(blank + 1, end)
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    .join('\n');
}
