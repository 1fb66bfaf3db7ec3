// sstream-mirror's filter language (spec apt-simplestreams.md B4): `key=value`, `key!=value`,
// `key~regex`, `key!~regex`. A regex matches anywhere in the value (unanchored search), and a key
// the flattened item does not have compares as "". Every filter must hold for an item to match.

export interface ItemFilter {
  readonly text: string;
  readonly key: string;
  matches(data: Readonly<Record<string, string>>): boolean;
}

const shape = /^(\w+) *(!?[=~]) *(.*)$/s;

/** Parses one filter; throws an Error naming the filter when it is not one of the four forms. */
export function parseFilter(text: string): ItemFilter {
  const m = shape.exec(text);
  if (!m) throw new Error(`filter ${JSON.stringify(text)} is not key=value, key!=value, key~regex or key!~regex`);
  const [, key = '', op = '=', value = ''] = m;
  let test: (v: string) => boolean;
  if (op.endsWith('~')) {
    let re: RegExp;
    try {
      re = new RegExp(value);
    } catch (err) {
      throw new Error(`filter ${JSON.stringify(text)}: ${(err as Error).message}`);
    }
    test = (v) => re.test(v);
  } else {
    test = (v) => v === value;
  }
  const negate = op.startsWith('!');
  return { text, key, matches: (data) => test(data[key] ?? '') !== negate };
}

export function parseFilters(texts: readonly string[]): ItemFilter[] {
  return texts.map(parseFilter);
}

export function matchesAll(filters: readonly ItemFilter[], data: Readonly<Record<string, string>>): boolean {
  return filters.every((f) => f.matches(data));
}
