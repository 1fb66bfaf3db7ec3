import { describe, expect, it } from 'vitest';
import { archiveToParts } from '../../src/cloudinit/archive.js';

describe('archiveToParts', () => {
  it('keeps content, type, filename, launch index and extra headers, as cloud-init explodes them', () => {
    const { parts, notes } = archiveToParts(
      [
        '#cloud-config-archive',
        '- type: text/x-shellscript',
        '  content: "#!/bin/sh\\necho a\\n"',
        '  filename: a.sh',
        '  launch-index: 1',
        '  X-Note: kept',
        '- "#!/bin/sh\\necho b\\n"',
        '- content: "hostname: c\\n"',
        '- 42',
        '- content: !!binary aGVsbG8=',
        '',
      ].join('\n'),
      'a.yaml',
    );
    expect(parts.map((p) => p.contentType)).toEqual(['text/x-shellscript', 'text/x-shellscript', 'text/cloud-config', 'application/octet-stream']);
    expect(parts[0]).toMatchObject({ body: '#!/bin/sh\necho a\n', filename: 'a.sh', headers: [['Launch-Index', '1'], ['X-Note', 'kept']] });
    expect(Buffer.from(parts[3]!.body).toString()).toBe('hello');
    expect(notes).toEqual(['a.yaml: archive entry 4 is a number; cloud-init ignores it, so it was left out']);
  });

  it('refuses an archive that is not a list', () => {
    expect(() => archiveToParts('#cloud-config-archive\na: 1\n', 'a.yaml')).toThrow(/must be a YAML list of parts, but it is a mapping/);
  });
});
