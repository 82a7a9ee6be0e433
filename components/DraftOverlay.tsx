/**
 * What Tactline draws over the helpdesk page, outside the sidebar: underlines under flagged phrases in the
 * reply editor (never inside it), the popover that explains a finding and offers its alternatives, and the
 * command palette. Rendered into its own closed shadow root (entrypoints/content/overlay.tsx). All text is
 * rendered as text nodes; nothing from the page or the pack is ever parsed as HTML.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { DraftFinding } from '@/guidance/protocol';
import type { Box } from '@/entrypoints/lib/overlay/geometry';
import { t } from './i18n';

export interface ShownFinding extends DraftFinding {
  /** Stable key: rule, text and position. */
  key: string;
  boxes: Box[];
}

export interface PaletteItem {
  kind: 'phrase' | 'policy';
  id: string;
  /** What Enter inserts (a phrase with its placeholders filled, or a policy's summary). */
  text: string;
  /** Policy title, or the phrase's intent/why line. */
  detail?: string;
  unresolved?: string[];
}

export interface PaletteState {
  query: string;
  items: PaletteItem[];
  active: number;
  loading: boolean;
  /** Where to show it (top-viewport coordinates), usually just below the editor's caret. */
  anchor: Box | null;
  /** Typed trigger in the editor that the chosen item replaces (";;"). */
  fromTrigger: boolean;
  error?: string;
}

export interface OverlayState {
  findings: ShownFinding[];
  popover?: { key: string };
  palette?: PaletteState;
}

export interface OverlayActions {
  replace(f: ShownFinding, replacement: string): void;
  dismiss(f: ShownFinding): void;
  closePopover(): void;
  paletteQuery(q: string): void;
  paletteMove(to: number): void;
  paletteChoose(index: number): void;
  paletteClose(): void;
}

const VIEW_MARGIN = 8;

function popoverPosition(boxes: Box[], width: number, height: number): { left: number; top: number } {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const last = boxes[boxes.length - 1] ?? { left: VIEW_MARGIN, top: VIEW_MARGIN, width: 0, height: 0 };
  let top = last.top + last.height + 6;
  if (top + height > vh - VIEW_MARGIN) top = Math.max(VIEW_MARGIN, (boxes[0]?.top ?? top) - height - 6);
  const left = Math.min(Math.max(VIEW_MARGIN, last.left), Math.max(VIEW_MARGIN, vw - width - VIEW_MARGIN));
  return { left, top };
}

function Popover({ f, actions }: { f: ShownFinding; actions: OverlayActions }) {
  const ref = useRef<HTMLDivElement>(null);
  const pos = popoverPosition(f.boxes, 320, 200);
  const headId = `tl-pop-h-${f.key.replace(/[^a-z0-9]/gi, '')}`;
  const leak = f.kind === 'leak';
  return (
    // Pressing a button here must not take focus (or the caret) away from the agent's editor.
    <div ref={ref} class="tl-pop" role="dialog" aria-labelledby={headId} data-testid="popover" data-rule={f.ruleId} style={{ left: `${pos.left}px`, top: `${pos.top}px` }} onMouseDown={(e) => e.preventDefault()}>
      <div class="tl-pop-head">
        <h2 id={headId}>{leak ? t('ovLeakTitle') : t('ovAvoidTitle')}</h2>
        <button type="button" class="tl-icon" aria-label={t('ovClose')} title={t('ovClose')} onClick={() => actions.closePopover()}>
          ×
        </button>
      </div>
      <p class="tl-quote">“{f.text}”</p>
      <p class="tl-why">{f.why}</p>
      {f.instead.length > 0 && (
        <div class="tl-alts" role="group" aria-label={t('ovAlternatives')}>
          {f.instead.slice(0, 4).map((alt, i) => (
            <button key={alt} type="button" class={`tl-btn${i === 0 ? ' tl-primary' : ''}`} data-action="replace" onClick={() => actions.replace(f, alt)}>
              {t('ovReplaceWith', alt)}
            </button>
          ))}
        </div>
      )}
      <button type="button" class="tl-link" data-action="dismiss" onClick={() => actions.dismiss(f)}>
        {leak ? t('ovIgnoreTicket') : t('ovDontFlag', f.text)}
      </button>
    </div>
  );
}

function Palette({ p, actions }: { p: PaletteState; actions: OverlayActions }) {
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${p.active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [p.active]);
  const width = Math.min(520, window.innerWidth - 2 * VIEW_MARGIN);
  const a = p.anchor;
  const left = a ? Math.min(Math.max(VIEW_MARGIN, a.left), window.innerWidth - width - VIEW_MARGIN) : (window.innerWidth - width) / 2;
  const below = a ? a.top + a.height + 6 : window.innerHeight * 0.2;
  const top = a && below + 300 > window.innerHeight ? Math.max(VIEW_MARGIN, a.top - 6 - Math.min(420, window.innerHeight * 0.7)) : below;
  const onKey = (e: KeyboardEvent) => {
    const n = p.items.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (n) actions.paletteMove((p.active + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (n) actions.paletteMove((p.active - 1 + n) % n);
        break;
      case 'Home':
      case 'End':
        if (!n || !e.ctrlKey) break;
        e.preventDefault();
        actions.paletteMove(e.key === 'Home' ? 0 : n - 1);
        break;
      case 'Enter':
        e.preventDefault();
        if (n) actions.paletteChoose(p.active);
        break;
      case 'Escape':
        e.preventDefault();
        actions.paletteClose();
        break;
      case 'Tab':
        // The palette is a small modal: keep focus in its search field.
        e.preventDefault();
        break;
    }
    // Keys typed here belong to Tactline, not to the helpdesk's own shortcuts.
    e.stopPropagation();
  };
  const activeId = p.items.length ? `tl-opt-${p.active}` : undefined;
  return (
    <div class="tl-palette" role="dialog" aria-modal="true" aria-labelledby="tl-pal-label" data-testid="palette" style={{ left: `${left}px`, top: `${top}px`, width: `${width}px` }}>
      <label id="tl-pal-label" for="tl-pal-input">
        {t('ovPaletteLabel')}
      </label>
      <input
        ref={input}
        id="tl-pal-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls="tl-pal-list"
        aria-activedescendant={activeId}
        value={p.query}
        onInput={(e) => actions.paletteQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={onKey}
        onBlur={() => {
          // Clicking an option keeps focus (mousedown is prevented); leaving the palette any other way closes it.
          setTimeout(() => {
            if (input.current && input.current.getRootNode() instanceof ShadowRoot && (input.current.getRootNode() as ShadowRoot).activeElement !== input.current) actions.paletteClose();
          }, 0);
        }}
      />
      <ul ref={list} id="tl-pal-list" class="tl-options" role="listbox" aria-label={t('ovPaletteResults')}>
        {p.items.map((item, i) => (
          <li
            key={`${item.kind}:${item.id}`}
            id={`tl-opt-${i}`}
            data-index={i}
            data-id={item.id}
            class="tl-option"
            role="option"
            aria-selected={i === p.active ? 'true' : 'false'}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== p.active && actions.paletteMove(i)}
            onClick={() => actions.paletteChoose(i)}
          >
            <span class="tl-kind">{item.kind === 'phrase' ? t('ovKindPhrase') : t('ovKindPolicy')}</span>
            <span class="tl-opt-text">{item.text}</span>
            {item.detail && <span class="tl-opt-detail">{item.detail}</span>}
            {item.unresolved && item.unresolved.length > 0 && <span class="tl-opt-detail">{t('ovFillIn', item.unresolved.join(', '))}</span>}
          </li>
        ))}
      </ul>
      {!p.items.length && <p class="tl-empty" role="status">{p.loading ? t('ovSearching') : p.error ?? t('ovNoResults')}</p>}
      <p class="tl-hint">{p.fromTrigger ? t('ovHintTrigger') : t('ovHint')}</p>
    </div>
  );
}

export function DraftOverlay({ state, actions }: { state: OverlayState; actions: OverlayActions }) {
  const open = state.popover ? state.findings.find((f) => f.key === state.popover!.key) : undefined;
  return (
    <div>
      {state.findings.map((f) =>
        f.boxes.map((b, i) => (
          <div
            key={`${f.key}:${i}`}
            class="tl-ul"
            data-kind={f.kind}
            data-rule={f.ruleId}
            data-active={open?.key === f.key ? 'true' : 'false'}
            aria-hidden="true"
            style={{ left: `${b.left}px`, top: `${b.top + b.height - 2}px`, width: `${b.width}px` }}
          />
        )),
      )}
      {open && <Popover f={open} actions={actions} />}
      {state.palette && <Palette p={state.palette} actions={actions} />}
    </div>
  );
}
