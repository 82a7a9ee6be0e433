// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  fieldValue, isEditable, isoDatePart, isoTimestamp, LIMITS, normalizeText, parseNameAndEmail, stripInvisible, textOf,
} from '../../../entrypoints/lib/dom-text';

function el(html: string): Element {
  return new DOMParser().parseFromString(`<!doctype html><html><body><div id="x">${html}</div></body></html>`, 'text/html').getElementById('x')!;
}

describe('textOf', () => {
  it('skips scripts, styles, templates, svg, hidden and aria-hidden items, signatures and buttons', () => {
    const t = textOf(el(`<p>Keep this.</p><script>alert(1)</script><style>p{}</style><template><p>tpl</p></template>
      <svg aria-hidden="true"><title>icon</title></svg><span aria-hidden="true">3 attachments</span><p hidden>hidden</p>
      <p style="display: none">gone</p><div class="signature">Sig</div><button>Click</button><p>And this.</p>`));
    expect(t).toBe('Keep this.\n\nAnd this.');
  });

  it('turns blocks and <br> into line breaks and collapses whitespace', () => {
    expect(textOf(el('<p>Hello   \n  world</p><div>Line<br>two</div><ul><li>a</li><li>b</li></ul>'))).toBe('Hello world\n\nLine\ntwo\na\nb');
  });

  it('strips zero-width and bidi control characters', () => {
    expect(textOf(el('<p>re\u200Bfund \u202Eevil\u202C \uFEFFok\u2066x\u2069</p>'))).toBe('refund evil okx');
    expect(stripInvisible('a\u200Db\u200Ec\u061C')).toBe('abc');
  });

  it('caps long text', () => {
    const long = 'word '.repeat(10_000);
    const t = textOf(el(`<p>${long}</p>`), { maxChars: 1000 });
    expect(t.length).toBeLessThanOrEqual(1000);
    expect(t.length).toBeGreaterThan(900);
    expect(textOf(el(`<p>${'x'.repeat(LIMITS.messageChars * 3)}</p>`)).length).toBe(LIMITS.messageChars);
  });

  it('does not overflow the stack on deeply nested markup', () => {
    const deep = '<div>'.repeat(1500) + 'deep' + '</div>'.repeat(1500);
    expect(textOf(el(deep))).toBe('deep');
  });

  it('returns "" for null and for a skipped root', () => {
    expect(textOf(null)).toBe('');
    expect(textOf(el('<button>x</button>').firstElementChild)).toBe('');
  });
});

describe('helpers', () => {
  it('normalizeText keeps at most one blank line', () => {
    expect(normalizeText('a\n\n\n\n b \u00A0 c\r\nd')).toBe('a\n\nb c\nd');
  });

  it('fieldValue reads the live input value', () => {
    const input = el('<input value="attr">').querySelector('input')!;
    expect(fieldValue(input)).toBe('attr');
    input.value = 'typed  value';
    expect(fieldValue(input)).toBe('typed value');
  });

  it('isoTimestamp accepts ISO 8601 only; isoDatePart keeps the written calendar date', () => {
    expect(isoTimestamp('2026-11-20T07:55:00Z')).toBe('2026-11-20T07:55:00Z');
    expect(isoTimestamp('2026-11-22 14:31:00+01:00')).toBe('2026-11-22T14:31:00+01:00');
    expect(isoTimestamp('yesterday')).toBeUndefined();
    expect(isoTimestamp('2026-13-45T99:00:00Z')).toBeUndefined();
    expect(isoDatePart('2026-11-22T23:30:00-05:00')).toBe('2026-11-22');
  });

  it('parseNameAndEmail returns only what is there', () => {
    expect(parseNameAndEmail('Ada Example <Ada@Example.com>')).toEqual({ name: 'Ada Example', email: 'ada@example.com' });
    expect(parseNameAndEmail('Ada Example')).toEqual({ name: 'Ada Example' });
    expect(parseNameAndEmail('ada@example.com')).toEqual({ email: 'ada@example.com' });
    expect(parseNameAndEmail('')).toEqual({});
  });

  it('isEditable', () => {
    const root = el('<textarea></textarea><textarea readonly></textarea><div contenteditable="true"></div><div contenteditable="false"></div><input type="checkbox">');
    const kids = Array.from(root.children);
    expect(kids.map((k) => isEditable(k))).toEqual([true, false, true, false, false]);
  });
});
