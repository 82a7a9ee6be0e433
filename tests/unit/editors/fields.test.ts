// @vitest-environment happy-dom
// Field insertion through the setRangeText fallback (happy-dom has no execCommand editing), the text
// normalisation, and refusals. The execCommand path and undo are covered in tests/browser/editors/.
import { describe, expect, it, beforeEach } from 'vitest';
import { insertText, normalizeText } from '@/entrypoints/lib/editors/insert';
import { forgetCaret, rememberCaret, restoreCaret, ignoreCaretWithin } from '@/entrypoints/lib/editors/caret';

beforeEach(() => {
  document.body.replaceChildren();
  forgetCaret();
});

function textarea(value: string): HTMLTextAreaElement {
  const ta = document.createElement('textarea');
  ta.value = value;
  document.body.append(ta);
  return ta;
}

describe('insertText into fields', () => {
  it('inserts at the caret, moves the caret after the text and fires bubbling input + change', async () => {
    const ta = textarea('Hello world');
    ta.focus();
    ta.setSelectionRange(6, 6);
    const seen: string[] = [];
    document.addEventListener('input', (e) => seen.push(`input:${(e as InputEvent).inputType ?? ''}`));
    document.addEventListener('change', () => seen.push('change'));
    const res = await insertText(ta, 'dear Ada,\nthanks ');
    expect(res.ok).toBe(true);
    expect(res.kind).toBe('textarea');
    expect(ta.value).toBe('Hello dear Ada,\nthanks world');
    expect(ta.selectionStart).toBe(6 + 'dear Ada,\nthanks '.length);
    expect(ta.selectionEnd).toBe(ta.selectionStart);
    expect(seen).toContain('change');
    expect(seen.some((s) => s.startsWith('input'))).toBe(true);
  });

  it('replaces a selection', async () => {
    const ta = textarea('Hello NAME!');
    ta.focus();
    ta.setSelectionRange(6, 10);
    expect((await insertText(ta, 'Ada')).ok).toBe(true);
    expect(ta.value).toBe('Hello Ada!');
  });

  it('single-line inputs get spaces instead of line breaks', async () => {
    const input = document.createElement('input');
    input.value = 'Re: ';
    document.body.append(input);
    input.focus();
    input.setSelectionRange(4, 4);
    expect((await insertText(input, 'refund\n  approved')).ok).toBe(true);
    expect(input.value).toBe('Re: refund approved');
  });

  it('refuses text longer than maxlength instead of cutting a phrase', async () => {
    const ta = textarea('abc');
    ta.maxLength = 10;
    ta.focus();
    const res = await insertText(ta, 'far too long');
    expect(res.ok).toBe(false);
    expect(res.error).toMatch(/maxlength/);
    expect(ta.value).toBe('abc');
  });

  it('inserts at the end when the field never had a caret', async () => {
    const ta = textarea('Hello');
    const other = document.createElement('button');
    document.body.append(other);
    other.focus();
    expect((await insertText(ta, ' world')).ok).toBe(true);
    expect(ta.value).toBe('Hello world');
  });

  it('refuses non-editors, empty text and an aborted signal', async () => {
    const p = document.createElement('p');
    document.body.append(p);
    expect((await insertText(p, 'x')).ok).toBe(false);
    const ta = textarea('a');
    expect(await insertText(ta, '\u0000')).toMatchObject({ ok: false, error: 'empty text' });
    const ac = new AbortController();
    ac.abort();
    expect(await insertText(ta, 'x', { signal: ac.signal })).toMatchObject({ ok: false, error: 'aborted' });
    expect(ta.value).toBe('a');
  });
});

describe('normalizeText', () => {
  it('unifies line endings and drops control characters but keeps tabs', () => {
    expect(normalizeText('a\r\nb\rc\u0007\td')).toBe('a\nb\nc\td');
  });
});

describe('caret memory', () => {
  it('restores the field selection after focus moved elsewhere', () => {
    const ta = textarea('Hello world');
    ta.focus();
    ta.setSelectionRange(3, 5);
    rememberCaret(document);
    const btn = document.createElement('button');
    document.body.append(btn);
    btn.focus();
    rememberCaret(document); // focus on a non-editor keeps the last caret
    expect(restoreCaret()).toBe(true);
    expect(document.activeElement).toBe(ta);
    expect([ta.selectionStart, ta.selectionEnd]).toEqual([3, 5]);
  });

  it('ignores carets inside Tactline UI', () => {
    const ta = textarea('reply');
    ta.focus();
    ta.setSelectionRange(2, 2);
    rememberCaret(document);
    const host = document.createElement('div');
    document.body.append(host);
    ignoreCaretWithin(host);
    const search = document.createElement('input');
    host.append(search);
    search.focus();
    rememberCaret(document);
    expect(restoreCaret()).toBe(true);
    expect(document.activeElement).toBe(ta);
  });

  it('restores only for the same editor when a target is given', () => {
    const a = textarea('a');
    const b = textarea('b');
    a.focus();
    rememberCaret(document);
    expect(restoreCaret(b)).toBe(false);
    expect(restoreCaret(a)).toBe(true);
  });
});
