// @vitest-environment happy-dom
// The draft text the checks see and the DOM map the overlay and the replace action use: offsets must mean
// the same text on both sides, blocks must not glue words together, and replace must find moved text.
import { describe, expect, it } from 'vitest';
import { draftText, locate, rangeFor, readTextMap } from '@/entrypoints/lib/editors/text-map';
import { caretOffset } from '@/entrypoints/lib/overlay/geometry';
import { fitPunctuation, PALETTE_TRIGGER } from '@/entrypoints/content/overlay';
import { dismissalKey, parseDismissed, MAX_DISMISSED } from '@/entrypoints/lib/dismissed';

function editor(html: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('contenteditable', 'true');
  // Test fixture markup only (our own string), never page text.
  el.append(document.createRange().createContextualFragment(html));
  document.body.replaceChildren(el);
  return el;
}

describe('draft text map', () => {
  it('turns paragraphs, list items and <br> into newlines so sentences never run together', () => {
    const el = editor('<p>Hi Ada,</p><p>I am <b>so</b> sorry.<br>Really.</p><ul><li>one</li><li>two</li></ul>');
    expect(readTextMap(el).text).toBe('Hi Ada,\nI am so sorry.\nReally.\none\ntwo\n');
    expect(el.textContent).toBe('Hi Ada,I am so sorry.Really.onetwo');
  });

  it('maps offsets back to exactly the same text, across inline elements', () => {
    const el = editor('<p>Please <i>calm</i> down now.</p><p>Thanks</p>');
    const map = readTextMap(el);
    const at = map.text.indexOf('calm down');
    expect(rangeFor(map, at, at + 'calm down'.length)?.toString()).toBe('calm down');
    const t = map.text.indexOf('Thanks');
    expect(rangeFor(map, t, t + 6)?.toString()).toBe('Thanks');
  });

  it('skips scripts and styles an editor may keep inside its root', () => {
    const el = editor('<p>Hello</p><style>.x{}</style><p>world</p>');
    expect(readTextMap(el).text).toBe('Hello\nworld\n');
  });

  it('reads a textarea value as is', () => {
    const ta = document.createElement('textarea');
    ta.value = 'Line one\nLine two';
    expect(draftText(ta)).toBe('Line one\nLine two');
  });

  it('caps very long drafts', () => {
    const el = editor(`<p>${'word '.repeat(20_000)}</p>`);
    expect(readTextMap(el).text.length).toBe(50_000);
  });
});

describe('locate', () => {
  it('finds the text where it was, or the nearest occurrence when the agent typed before it', () => {
    expect(locate('calm down. calm down.', 'calm down', 11)).toBe(11);
    expect(locate('Oh, calm down. x calm down.', 'calm down', 1)).toBe(4);
    expect(locate('Please stay.', 'calm down', 0)).toBe(-1);
    expect(locate('abc', '', 0)).toBe(-1);
  });
});

describe('caret offset', () => {
  it('is the text offset of the caret in a contenteditable (blocks counted as newlines)', () => {
    const el = editor('<p>Hi Ada,</p><p>thanks ;;</p>');
    const text = el.querySelectorAll('p')[1]!.firstChild as Text;
    const sel = document.getSelection()!;
    const r = document.createRange();
    r.setStart(text, text.data.length);
    r.collapse(true);
    sel.removeAllRanges();
    sel.addRange(r);
    const at = caretOffset(el, sel);
    expect(readTextMap(el).text.slice(at - PALETTE_TRIGGER.length, at)).toBe(';;');
  });

  it('is the selection start in a textarea', () => {
    const ta = document.createElement('textarea');
    document.body.replaceChildren(ta);
    ta.value = 'Hello ;;';
    ta.setSelectionRange(8, 8);
    expect(caretOffset(ta, null)).toBe(8);
  });
});

describe('replacement punctuation', () => {
  it('drops the alternative\'s final mark when the draft already has one right after the phrase', () => {
    const el = editor('<p>Please calm down. Thanks</p>');
    const f = { start: 7, text: 'calm down' };
    expect(fitPunctuation(el, f, 'I can hear how frustrating this has been.')).toBe('I can hear how frustrating this has been');
    const el2 = editor('<p>Please calm down and wait</p>');
    expect(fitPunctuation(el2, f, 'I hear you.')).toBe('I hear you.');
  });
});

describe('dismissed phrases', () => {
  it('keys by rule and phrase, case and spacing insensitive', () => {
    expect(dismissalKey({ ruleId: 'no-worries', text: 'No  Worries' })).toBe('no-worries|no worries');
  });
  it('ignores junk from storage and keeps the newest entries only', () => {
    expect(parseDismissed('x')).toEqual([]);
    expect(parseDismissed([1, null, 'a|b', 'nobar', 'x'.repeat(500) + '|y'])).toEqual(['a|b']);
    const many = Array.from({ length: MAX_DISMISSED + 20 }, (_, i) => `r|${i}`);
    const kept = parseDismissed(many);
    expect(kept).toHaveLength(MAX_DISMISSED);
    expect(kept.at(-1)).toBe(`r|${MAX_DISMISSED + 19}`);
  });
});

describe('shortcut text', () => {
  it('reads like the keys on the keyboard', async () => {
    const { fmtShortcut } = await import('@/components/i18n');
    expect(fmtShortcut('Ctrl+Shift+Period')).toBe('Ctrl+Shift+.');
    expect(fmtShortcut('Alt+Comma')).toBe('Alt+,');
    expect(fmtShortcut('⌘⇧K')).toBe('⌘⇧K');
  });
});
