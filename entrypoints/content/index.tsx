/**
 * Content script: finds the open ticket with the site adapter, asks the background for guidance
 * (all matching runs there, off the page's main thread), and renders the sidebar in a CLOSED shadow
 * root. Page side work is limited to reading text after the page settles, debouncing and rendering.
 *
 *   page DOM ──observer (batched, idle)──▶ adapter.extract ──▶ 'tickets/suggest' ──▶ sidebar
 *   reply editor ──input (debounced)──▶ 'tickets/draft' ──▶ sidebar "Your draft" + draft limits
 *   sidebar "Insert" ──▶ editors/insertText (caret restored) ──▶ host editor model
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SUPPORTED_MATCHES } from '@/entrypoints/lib/hosts';
import { adapterFor } from '@/entrypoints/lib/adapters/registry';
import type { SiteAdapter } from '@/entrypoints/lib/adapters/types';
import { observePage } from '@/entrypoints/lib/observer';
import { request } from '@/entrypoints/lib/messaging';
import { recordInsight } from '@/entrypoints/lib/insights-client';
import { insertText } from '@/entrypoints/lib/editors/insert';
import { ignoreCaretWithin, restoreCaret, watchCaret } from '@/entrypoints/lib/editors/caret';
import { CollapsedTab, Sidebar, type SidebarState } from '@/components/Sidebar';
import type { Platform, TicketContext } from '@/guidance/types';
import themeCss from '@/components/theme.css?inline';
import sidebarCss from '@/components/sidebar.css?inline';
import overlayCss from '@/components/overlay.css?inline';
import { fmtShortcut, t } from '@/components/i18n';
import { structureReport } from '@/entrypoints/lib/structure-report';
import { createDraftWatcher } from '@/entrypoints/lib/draft-watch';
import { sidebarIsGenuinelyVisible } from '@/entrypoints/lib/visibility';
import { draftText } from '@/entrypoints/lib/editors/text-map';
import { detectEditor } from '@/entrypoints/lib/editors/detect';
import type { DraftFinding, SearchHitView } from '@/guidance/protocol';
import type { PaletteItem } from '@/components/DraftOverlay';
import { createDraftOverlay } from './overlay';
import { DISMISSED_KEY, dismissalKey, loadDismissed, parseDismissed, saveDismissed } from '@/entrypoints/lib/dismissed';

const UI_KEY = (host: string) => `ui:${host}`;
const DRAFT_DEBOUNCE_MS = 350;

function fingerprint(c: TicketContext): string {
  const last = c.messages[c.messages.length - 1];
  return [c.ticketId, c.subject, c.messages.length, c.latestCustomerMessage.length, last?.text.length ?? 0, c.replyMode].join('|');
}


export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  runAt: 'document_idle',
  // ServiceNow's classic UI shows the ticket form in an iframe (gsft_main); elsewhere only the top
  // frame is read (see the frame check below).
  allFrames: true,
  cssInjectionMode: 'manual',
  async main(ctx) {
    if (window !== window.top && !/(^|\.)service-now\.com$/.test(location.hostname)) return;
    // Custom domains (options page / admin policy) map a company's own host to an adapter.
    const stored = await browser.storage.local.get(['customDomains', UI_KEY(location.host)]);
    const customDomains = (Array.isArray(stored.customDomains) ? stored.customDomains : []) as Array<{ host: string; adapter: Platform }>;
    const pick = (url: URL) => adapterFor(url, { customDomains });
    let adapter: SiteAdapter | null = pick(new URL(location.href));
    // Per site: collapsed or open, and which side (when the agent moved it here; else the global setting).
    const uiPrefs = (stored[UI_KEY(location.host)] ?? {}) as { collapsed?: boolean; dock?: 'left' | 'right' };
    let collapsed = uiPrefs.collapsed === true;
    let siteDock: 'left' | 'right' | undefined = uiPrefs.dock === 'left' || uiPrefs.dock === 'right' ? uiPrefs.dock : undefined;
    const saveUiPrefs = () => void browser.storage.local.set({ [UI_KEY(location.host)]: { collapsed, ...(siteDock ? { dock: siteDock } : {}) } });
    let state: SidebarState = { status: 'loading', platformLabel: adapter?.label ?? 'helpdesk' };
    let context: TicketContext | null = null;
    let lastPrint = '';
    let seq = 0;
    let noticeTimer: ReturnType<typeof setTimeout> | undefined;

    const ui = await createShadowRootUi(ctx, {
      name: 'tactline-sidebar',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'closed',
      isolateEvents: true,
      // sidebar.css starts its :host rule with its own `all: initial` and then positions the host;
      // WXT's `!important` reset would undo that positioning.
      inheritStyles: true,
      css: `${themeCss}\n${sidebarCss}`,
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    let mounted = false;

    const push = document.createElement('style');
    push.dataset.tactline = 'layout';
    // Sidebar side from the agent's settings (options page / popup); follows changes live.
    let dock: 'left' | 'right' = 'right';
    function applyLayout() {
      const side = siteDock ?? dock;
      ui.shadowHost.dataset.dock = side;
      ui.shadowHost.dataset.collapsed = String(collapsed);
      // Make room for the panel so it never covers the helpdesk's own controls.
      push.textContent = collapsed ? '' : `html { margin-${side}: 340px !important; }`;
    }

    // Where the agent last pressed inside the sidebar (for the clickjacking guard).
    let lastPress: { x: number; y: number } | undefined;
    ui.shadow.addEventListener('pointerdown', (e) => {
      const p = e as PointerEvent;
      lastPress = { x: p.clientX, y: p.clientY };
    }, { capture: true });
    /** Refuse actions when the page has made the sidebar invisible or laid something over it. */
    function guarded(run: () => void) {
      if (sidebarIsGenuinelyVisible(ui.shadowHost, lastPress)) run();
      else notice(t('ntHidden'));
    }

    const actions = {
      insert: (text: string, target: 'reply' | 'note', phraseId?: string) => guarded(() => void doInsert(text, target, phraseId)),
      copy: (text: string) => guarded(() => void doCopy(text, t('ntCopied'))),
      collapse: () => setCollapsed(true),
      reportStructure: () =>
        void doCopy(structureReport(document, adapter?.id ?? 'generic', { version: browser.runtime.getManifest().version }), t('ntReportCopied')),
      replaceFinding: (f: DraftFinding, replacement: string) => guarded(() => overlay.replace(f, replacement)),
      dismissFinding: (f: DraftFinding) => overlay.dismiss(f),
      openPalette: () => guarded(() => overlay.openPalette()),
      /** Move the panel to the other side on this site (remembered per site; the options page sets the default). */
      switchSide: () => {
        siteDock = (siteDock ?? dock) === 'right' ? 'left' : 'right';
        applyLayout();
        paint();
        saveUiPrefs();
      },
    };

    // ---- Draft overlay: underlines, popover, command palette ----------------------------------------
    /** Tone findings the agent never wants to see again (persisted); leak warnings ignored per ticket. */
    let dismissed = await loadDismissed();
    const ignoredLeaks = new Set<string>();
    const visibleFindings = (findings: DraftFinding[]) =>
      findings.filter((f) => (f.kind === 'leak' ? !ignoredLeaks.has(`${context?.ticketId}|${dismissalKey(f)}`) : !dismissed.has(dismissalKey(f))));
    const currentEditor = () => (adapter ? adapter.findEditor(document, adapter.activeMode(document)) : null);
    const hitToItem = (h: SearchHitView): PaletteItem =>
      h.kind === 'phrase' ? { kind: 'phrase', id: h.id, text: h.filled ?? h.title, unresolved: h.unresolved } : { kind: 'policy', id: h.id, text: h.text, detail: h.title };
    const overlay = createDraftOverlay({
      editor: currentEditor,
      suggestions: () => [
        ...(state.result?.phrases ?? []).map((p): PaletteItem => ({ kind: 'phrase', id: p.id, text: p.filled, detail: p.reason, unresolved: p.unresolved })),
        ...(state.result?.policies ?? []).map((p): PaletteItem => ({ kind: 'policy', id: p.id, text: p.text, detail: p.title })),
      ],
      search: async (query) => (await request('pack/search', { query, limit: 20, kinds: ['phrase', 'policy'], ...(context ? { context } : {}) })).map(hitToItem),
      replaced(f, _replacement, ok, error) {
        if (ok) {
          notice(t('ntReplaced'));
          if (f.kind === 'avoid') recordInsight({ kind: 'avoid-accepted', ruleId: f.ruleId });
          setState({ draft: state.draft && { ...state.draft, findings: state.draft.findings.filter((x) => dismissalKey(x) !== dismissalKey(f) || x.start !== f.start) } });
        } else notice(t('ntReplaceFailed', error ?? ''));
      },
      dismissed(f) {
        if (f.kind === 'leak') {
          ignoredLeaks.add(`${context?.ticketId}|${dismissalKey(f)}`);
          notice(t('ntLeakIgnored'));
        } else {
          dismissed = new Set([...dismissed, dismissalKey(f)]);
          void saveDismissed(dismissed);
          recordInsight({ kind: 'avoid-dismissed', ruleId: f.ruleId });
          notice(t('ntDismissed', f.text));
        }
        if (state.draft) setState({ draft: { ...state.draft, findings: visibleFindings(state.draft.findings) } });
      },
      inserted(item, ok, error) {
        if (ok) {
          notice(t('ntPaletteInserted'));
          if (item.kind === 'phrase') recordInsight({ kind: 'phrase-inserted', id: item.id });
        } else void doCopy(item.text, t('ntInsertFailed', error ?? ''));
      },
    }, `${themeCss}\n${overlayCss}`);
    ctx.onInvalidated(() => overlay.destroy());
    // The browser shortcut (commands API) reaches us through the background.
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const m = message as { tactline?: number; type?: string } | null;
      if (m?.tactline === 1 && m.type === 'palette/open' && mounted && !ctx.isInvalid) overlay.openPalette();
      return undefined;
    });
    // Dismissals made in another tab or restored in the options page, and the default side, apply here too.
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || ctx.isInvalid) return;
      if (changes[DISMISSED_KEY]) dismissed = new Set(parseDismissed(changes[DISMISSED_KEY].newValue));
      if (changes.settings) {
        const next = (changes.settings.newValue as { dock?: string } | undefined)?.dock;
        const prev = (changes.settings.oldValue as { dock?: string } | undefined)?.dock;
        if ((next === 'left' || next === 'right') && next !== prev) {
          // A new default side from the options page or popup applies here too, over this site's own choice.
          dock = next;
          if (siteDock) {
            siteDock = undefined;
            saveUiPrefs();
          }
          applyLayout();
          paint();
        }
      }
    });

    function paint() {
      if (!mounted) return;
      const container = ui.uiContainer;
      const count = (state.result?.phrases.length ?? 0) + (state.result?.decisions.length ?? 0);
      render(collapsed ? <CollapsedTab count={count} onOpen={() => setCollapsed(false)} /> : <Sidebar state={{ ...state, dock: siteDock ?? dock }} actions={actions} />, container);
    }

    function setState(patch: Partial<SidebarState>) {
      state = { ...state, ...patch };
      paint();
    }

    function notice(text: string) {
      setState({ notice: text });
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => setState({ notice: undefined }), 4000);
    }

    function setCollapsed(value: boolean) {
      collapsed = value;
      applyLayout();
      paint();
      // Keep keyboard focus with Tactline: on the tab after collapsing, on Collapse after opening.
      const focusTarget = ui.uiContainer.querySelector<HTMLElement>(collapsed ? '.tl-tab' : '[data-action="collapse"]');
      focusTarget?.focus();
      saveUiPrefs();
    }

    /** Put our nodes back when the host page re-rendered its app and dropped them (state is kept). */
    function reattach() {
      if (!mounted || ctx.isInvalid) return;
      if (!ui.shadowHost.isConnected && document.body) document.body.append(ui.shadowHost);
      if (!push.isConnected) (document.head ?? document.documentElement).append(push);
    }

    // Cheap guard, independent of the ticket observer: direct children of <html> and <body> only.
    const guard = new MutationObserver(() => {
      if (document.body) guard.observe(document.body, { childList: true }); // a replaced <body> too
      if (mounted && (!ui.shadowHost.isConnected || !push.isConnected)) reattach();
    });
    guard.observe(document.documentElement, { childList: true });
    if (document.body) guard.observe(document.body, { childList: true });
    ctx.onInvalidated(() => guard.disconnect());

    function mount() {
      if (mounted) {
        reattach();
        return;
      }
      ui.mount();
      document.head.append(push);
      mounted = true;
      applyLayout();
    }

    function unmount() {
      if (!mounted) return;
      ui.remove();
      push.remove();
      mounted = false;
    }

    async function doCopy(text: string, message: string) {
      try {
        await navigator.clipboard.writeText(text);
        notice(message);
      } catch {
        notice(t('ntCopyBlocked'));
      }
    }

    async function doInsert(text: string, target: 'reply' | 'note', phraseId?: string) {
      if (!adapter) return;
      const mode = target === 'note' ? 'internal' : adapter.activeMode(document);
      const editor = adapter.findEditor(document, mode);
      if (!editor) {
        await doCopy(text, target === 'note' ? t('ntNoNote') : t('ntNoEditor'));
        return;
      }
      restoreCaret(editor);
      const result = await insertText(editor, text, { signal: ctx.signal });
      if (result.ok) {
        notice(target === 'note' ? t('ntNoteInserted') : t('ntInserted'));
        if (phraseId) recordInsight({ kind: 'phrase-inserted', id: phraseId });
      }
      else await doCopy(text, t('ntInsertFailed', result.error ?? result.kind));
    }

    async function refresh(force = false) {
      if (ctx.isInvalid) return;
      const url = new URL(location.href);
      adapter = pick(url);
      if (!adapter) {
        context = null;
        lastPrint = '';
        unmount();
        return;
      }
      const next = adapter.extract(document, url);
      mount();
      if (!next) {
        context = null;
        lastPrint = '';
        setState({ status: 'unreadable', result: undefined, draft: undefined, ticketId: undefined, platformLabel: adapter.label });
        return;
      }
      const print = fingerprint(next);
      if (!force && print === lastPrint) return;
      const ticketChanged = next.ticketId !== context?.ticketId;
      if (ticketChanged) overlay.clear();
      context = next;
      lastPrint = print;
      const mine = ++seq;
      // A different ticket: clear at once so stale guidance never shows for the wrong ticket.
      if (ticketChanged) setState({ status: 'loading', result: undefined, draft: undefined, ticketId: next.ticketId, platformLabel: adapter.label, error: undefined });
      try {
        const result = await request('tickets/suggest', { context: next });
        if (mine !== seq || ctx.isInvalid) return;
        setState({ status: 'ready', result, error: undefined });
      } catch (error) {
        if (mine !== seq || ctx.isInvalid) return;
        setState({ status: 'error', error: (error as Error).message });
      }
    }

    async function checkDraft(editor: HTMLElement) {
      if (!context || !adapter) return;
      // The same text (blocks as newlines) the overlay measures, so finding offsets line up.
      const target = detectEditor(editor)?.target ?? editor;
      const draft = draftText(target);
      const mine = seq;
      try {
        const result = await request('tickets/draft', { context, draft, replyMode: adapter.activeMode(document) });
        if (mine !== seq || ctx.isInvalid) return;
        const findings = visibleFindings(result.findings);
        // Only underline what is still exactly where it was read (the agent may have typed on).
        if (draftText(target) === draft) overlay.show(target, findings);
        else overlay.clear();
        setState({ draft: { ...result, findings } });
      } catch {
        /* the draft check is advisory; the sidebar keeps its last state */
      }
    }

    // Draft watching: per keystroke we only re-arm a timer; the editor is looked up after the pause.
    const drafts = createDraftWatcher((target) => {
      if (!adapter) return;
      const editor = adapter.findEditor(document, adapter.activeMode(document));
      if (editor && (editor === target || editor.contains(target))) void checkDraft(editor);
    }, DRAFT_DEBOUNCE_MS);
    ctx.addEventListener(document, 'input', (e: Event) => {
      drafts.onInput(e);
      overlay.onInput(e);
    }, { capture: true });
    ctx.onInvalidated(drafts.cancel);
    // Remember where the agent's caret was, so a click in the sidebar inserts at that spot.
    ignoreCaretWithin(ui.shadowHost);
    const stopCaret = watchCaret(document);
    ctx.onInvalidated(stopCaret);

    observePage(() => adapter?.ticketRoot(document) ?? document.body, () => void refresh(), ctx.signal);
    void request('status/get', {})
      .then((st) => {
        if (ctx.isInvalid) return;
        dock = st.settings.dock === 'left' ? 'left' : 'right';
        applyLayout();
        if (st.paletteShortcut) setState({ paletteShortcut: fmtShortcut(st.paletteShortcut) });
      })
      .catch(() => undefined);
    await refresh(true);
  },
});
