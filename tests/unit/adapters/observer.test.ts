// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observePage } from '../../../entrypoints/lib/observer';

/** Let MutationObserver records be delivered, then move fake time forward. */
async function advance(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('observePage', () => {
  let ac: AbortController;

  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<div id="app"><div id="pane"><p id="msg">hello</p></div><div id="other"><span id="deep">x</span></div></div>';
    history.replaceState(null, '', '/agent/tickets/1');
    ac = new AbortController();
  });

  afterEach(() => {
    ac.abort();
    vi.useRealTimers();
  });

  it('batches many mutations into one call after the debounce, not before', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    const pane = document.getElementById('pane')!;
    for (let i = 0; i < 50; i++) pane.appendChild(document.createElement('p'));
    await advance(100);
    expect(onChange).not.toHaveBeenCalled();
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(1);
    await advance(2000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reacts to text edits (characterData) inside the root', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    (document.getElementById('msg')!.firstChild as Text).data = 'changed';
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('ignores mutations deep outside the root', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal, { debounceMs: 50 });
    document.getElementById('deep')!.appendChild(document.createElement('b'));
    (document.getElementById('deep')!.firstChild as Text).data = 'y';
    await advance(1500);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows the root when the host replaces it', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    const old = document.getElementById('pane')!;
    const fresh = document.createElement('div');
    fresh.id = 'pane';
    old.replaceWith(fresh);
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(1);
    // Mutations in the new root are seen; the detached old root no longer matters.
    fresh.appendChild(document.createElement('p'));
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(2);
    old.appendChild(document.createElement('p'));
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('falls back to document.body when there is no root yet, then narrows to it', async () => {
    const onChange = vi.fn();
    let mounted: Element | null = null;
    observePage(() => mounted, onChange, ac.signal);
    const pane = document.createElement('section');
    document.getElementById('other')!.appendChild(pane);
    mounted = pane;
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(1);
    document.getElementById('deep')!.appendChild(document.createElement('b'));
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(1);
    pane.appendChild(document.createElement('p'));
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('fires on single-page navigation (URL change without DOM change)', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    history.pushState(null, '', '/agent/tickets/2');
    await advance(2000);
    expect(onChange).toHaveBeenCalledTimes(1);
    await advance(2000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('uses the Navigation API where present (navigate event → one pass)', async () => {
    const nav = new EventTarget();
    (globalThis as { navigation?: EventTarget }).navigation = nav;
    try {
      const onChange = vi.fn();
      observePage(() => document.getElementById('pane'), onChange, ac.signal);
      nav.dispatchEvent(new Event('navigate'));
      await advance(1200);
      expect(onChange).toHaveBeenCalledTimes(1);
      ac.abort();
      nav.dispatchEvent(new Event('navigate'));
      await advance(1200);
      expect(onChange).toHaveBeenCalledTimes(1);
    } finally {
      delete (globalThis as { navigation?: EventTarget }).navigation;
    }
  });

  it('stops everything on abort', async () => {
    const onChange = vi.fn();
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    document.getElementById('pane')!.appendChild(document.createElement('p'));
    ac.abort();
    history.pushState(null, '', '/agent/tickets/3');
    document.getElementById('pane')!.appendChild(document.createElement('p'));
    await advance(3000);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps running when onChange throws', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onChange = vi.fn(() => {
      throw new Error('boom');
    });
    observePage(() => document.getElementById('pane'), onChange, ac.signal);
    document.getElementById('pane')!.appendChild(document.createElement('p'));
    await advance(1200);
    document.getElementById('pane')!.appendChild(document.createElement('p'));
    await advance(1200);
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('does nothing when started with an aborted signal', async () => {
    const onChange = vi.fn();
    const dead = new AbortController();
    dead.abort();
    observePage(() => document.getElementById('pane'), onChange, dead.signal);
    document.getElementById('pane')!.appendChild(document.createElement('p'));
    await advance(2000);
    expect(onChange).not.toHaveBeenCalled();
  });
});
