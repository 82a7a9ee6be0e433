/**
 * ONE shared page observer for the content script (adapters never observe the page themselves).
 *
 *   mutations in the ticket root ─┐
 *   root replaced / new pane     ─┼─▶ dirty flag ─▶ debounce (150 ms) ─▶ idle callback ─▶ onChange()
 *   URL change (navigate / poll) ─┘
 *
 * - The MutationObserver callback does nothing but set a dirty flag (and arm the timer once): no reads,
 *   no records kept, so a busy page never pays for us while the agent types.
 * - Work runs at most once per debounce window, then waits for an idle moment (with a 1 s cap so a
 *   page that is never idle still updates within about a second).
 * - The observed root is re-resolved on every pass; when the host replaces it (ticket switch, pane
 *   re-render) the observer moves to the new element. A detached root also triggers a pass.
 * - URL changes (single-page navigation) use the Navigation API where present (it works from the
 *   isolated world), else a 500 ms `location.href` poll; `popstate`/`hashchange` are cheap extras.
 * - Everything stops when `signal` aborts.
 */

export interface ObservePageOptions {
  /** Quiet time gathered before a pass (default 150 ms). */
  debounceMs?: number;
  /** Longest wait for an idle moment after the debounce (default 1000 ms). */
  idleTimeoutMs?: number;
  /** Location poll interval when the Navigation API is missing (default 500 ms). */
  pollMs?: number;
}

interface NavigationLike {
  addEventListener(type: 'navigate', listener: () => void, opts?: { signal?: AbortSignal }): void;
}

type IdleHandle = { kind: 'idle'; id: number } | { kind: 'timeout'; id: ReturnType<typeof setTimeout> };

const MUTATION_OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export function observePage(
  root: () => Element | null,
  onChange: () => void,
  signal: AbortSignal,
  opts: ObservePageOptions = {},
): void {
  if (signal.aborted) return;
  const debounceMs = opts.debounceMs ?? 150;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 1000;
  const pollMs = opts.pollMs ?? 500;
  const win = globalThis as typeof globalThis & Window;
  const doc = win.document;

  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: IdleHandle | null = null;
  let target: Element | null = null;
  let lastHref = win.location?.href ?? '';

  const observer = new MutationObserver(markDirty);

  function markDirty(): void {
    dirty = true;
    if (timer === null && idle === null && !signal.aborted) timer = setTimeout(afterDebounce, debounceMs);
  }

  function afterDebounce(): void {
    timer = null;
    if (signal.aborted) return;
    if (typeof win.requestIdleCallback === 'function') {
      idle = { kind: 'idle', id: win.requestIdleCallback(run, { timeout: idleTimeoutMs }) };
    } else {
      idle = { kind: 'timeout', id: setTimeout(run, 0) };
    }
  }

  /** Resolve the root; (re)attach the observer when it changed. Returns true when it moved. */
  function retarget(): boolean {
    let next: Element | null;
    try {
      next = root();
    } catch {
      next = null;
    }
    if (!next || !next.isConnected) next = doc.body ?? doc.documentElement;
    if (next === target) return false;
    observer.disconnect();
    target = next;
    if (!target) return true;
    observer.observe(target, MUTATION_OPTIONS);
    // Watch the root's parent (children only) so a replaced or removed root is noticed at once.
    const parent = target.parentElement;
    if (parent && target !== doc.body && target !== doc.documentElement) observer.observe(parent, { childList: true });
    return true;
  }

  function run(): void {
    idle = null;
    if (signal.aborted) return;
    lastHref = win.location?.href ?? lastHref;
    retarget();
    if (!dirty) return;
    dirty = false;
    try {
      onChange();
    } catch (err) {
      console.error('[tactline] page observer: onChange failed', err);
    }
  }

  function onUrlMaybeChanged(): void {
    const href = win.location?.href ?? '';
    if (href !== lastHref) {
      lastHref = href;
      markDirty();
    }
  }

  retarget();

  const nav = (win as unknown as { navigation?: NavigationLike }).navigation;
  // The `navigate` event fires before the URL commits; the debounced pass reads the committed URL.
  if (nav && typeof nav.addEventListener === 'function') nav.addEventListener('navigate', markDirty, { signal });
  win.addEventListener?.('popstate', onUrlMaybeChanged, { signal });
  win.addEventListener?.('hashchange', onUrlMaybeChanged, { signal });
  // Poll: the URL where there is no Navigation API, and a detached root everywhere (cheap checks only).
  const poll = setInterval(() => {
    if (!nav) onUrlMaybeChanged();
    if (target && !target.isConnected) markDirty();
  }, nav ? Math.max(pollMs, 1000) : pollMs);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearInterval(poll);
      if (timer !== null) clearTimeout(timer);
      if (idle?.kind === 'idle') win.cancelIdleCallback?.(idle.id);
      else if (idle?.kind === 'timeout') clearTimeout(idle.id);
      timer = null;
      idle = null;
      target = null;
    },
    { once: true },
  );
}
