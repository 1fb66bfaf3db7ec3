import { describe, expect, it } from 'vitest';
import { escapeHtml, html, Html } from '../../src/ops/html.js';

describe('html', () => {
  it('escapes every interpolated value, so client-supplied paths cannot inject markup', () => {
    const path = '/pool/<script>alert("x")</script>&\'';
    expect(html`<td>${path}</td>`.text).toBe('<td>/pool/&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;</td>');
    expect(html`<a title="${'" onmouseover="x'}">`.text).not.toContain('" onmouseover');
  });

  it('passes nested fragments and arrays through, and drops empty values', () => {
    const rows = ['a', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${rows}</ul>${undefined}${false}${null}${0}`.text).toBe('<ul><li>a</li><li>b</li></ul>0');
    expect(html`${new Html('<b>raw</b>')}`.text).toBe('<b>raw</b>');
    expect(escapeHtml('a&b')).toBe('a&#38;b');
  });
});
