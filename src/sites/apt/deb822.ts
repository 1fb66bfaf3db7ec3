// Debian control-file paragraphs (RFC 822 style), as used by Release and Packages files
// (deb822(5)): `Field: value`, continuation lines start with a space or tab, paragraphs are
// separated by blank lines. Field names are case-insensitive; values keep their line breaks.

export type Paragraph = Map<string, string>;

export function* paragraphs(text: string): Generator<Paragraph> {
  let cur: Paragraph = new Map();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (cur.size > 0) yield cur;
      cur = new Map();
      last = undefined;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last !== undefined) cur.set(last, `${cur.get(last)}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).toLowerCase();
    cur.set(last, line.slice(colon + 1).trim());
  }
  if (cur.size > 0) yield cur;
}

export function firstParagraph(text: string): Paragraph {
  for (const p of paragraphs(text)) return p;
  return new Map();
}
