// The cleartext of an OpenPGP clear-signed document (RFC 4880 §7), for routing only: the appliance
// serves InRelease bytes untouched and apt checks the signature itself. Imports and seeds never use
// this; they take the text gpgv vouches for.

export function clearsignedText(doc: string): string | undefined {
  const lines = doc.split('\n');
  const begin = lines.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin === -1) return undefined;
  let i = begin + 1;
  while (i < lines.length && lines[i] !== '') i++;
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----', i);
  if (end === -1) return undefined;
  return lines
    .slice(i + 1, end)
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l) + '\n')
    .join('');
}
