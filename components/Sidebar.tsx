/**
 * The ticket sidebar. Renders only text through JSX (never HTML), links only http(s).
 * Keyboard-first: every action is a native button in a sensible tab order; Escape collapses.
 */
import { useState } from 'preact/hooks';
import type { DecisionView, DraftFinding, DraftResult, PhraseView, SuggestResult } from '@/guidance/protocol';
import type { Suggestion } from '@/guidance/types';
import { t, type MessageKey } from './i18n';

export type SidebarStatus = 'loading' | 'ready' | 'error' | 'unreadable';

export interface SidebarState {
  status: SidebarStatus;
  platformLabel: string;
  ticketId?: string;
  result?: SuggestResult;
  draft?: DraftResult;
  error?: string;
  /** Short confirmation after an action ("Inserted into the public reply"). */
  notice?: string;
  /** The browser shortcut that opens the palette ("Ctrl+Shift+Period"), when one is set. */
  paletteShortcut?: string;
  /** Which side the panel is docked on. */
  dock?: 'left' | 'right';
}

export interface SidebarActions {
  /** `phraseId`: the pack phrase being inserted (counted in local insights when the insert works). */
  insert(text: string, target: 'reply' | 'note', phraseId?: string): void;
  copy(text: string): void;
  collapse(): void;
  reportStructure?(): void;
  /** Replace a flagged phrase in the draft (the keyboard path to the underline popover's buttons). */
  replaceFinding?(f: DraftFinding, replacement: string): void;
  /** Tone findings: never flag this phrase again; leak warnings: ignore for this ticket. */
  dismissFinding?(f: DraftFinding): void;
  openPalette?(): void;
  switchSide?(): void;
}

const EMOTION_KEY: Record<string, MessageKey> = {
  angry: 'emoAngry',
  frustrated: 'emoFrustrated',
  anxious: 'emoAnxious',
  confused: 'emoConfused',
  disappointed: 'emoDisappointed',
  grateful: 'emoGrateful',
  neutral: 'emoNeutral',
};

const OUTCOME_KEY: Record<DecisionView['outcome'], MessageKey> = {
  allowed: 'outAllowed',
  'needs-approval': 'outApproval',
  'not-allowed': 'outNot',
  'needs-info': 'outInfo',
};

function pct(score: number): string {
  return `${Math.round(score * 100)}%`;
}

function quote(texts: string[]): string {
  const unique = [...new Set(texts.map((t) => t.trim()).filter(Boolean))].slice(0, 4);
  return unique.map((t) => `“${t.length > 40 ? `${t.slice(0, 39)}…` : t}”`).join(', ');
}

function ago(days: number): string {
  if (days === 0) return t('sbToday');
  if (days === 1) return t('sbDayAgo');
  return days > 0 ? t('sbDaysAgo', days) : t('sbInDays', -days);
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Notes worth a line of their own (the structured rows above already cover topics, mood, amounts…). */
const EXTRA_NOTE = /^(No pack topic|No customer text|Repeat contact|Urgent|Requester is a colleague|Language)/;

function Detected({ result }: { result: SuggestResult }) {
  const s = result.signals;
  const emotion = s.emotion;
  const dates = uniqueBy(s.dates, (d) => `${d.date}|${d.kind}`).slice(0, 3);
  const refs = uniqueBy(s.references, (r) => `${r.kind}|${r.value}`).slice(0, 3);
  const extra = s.notes.filter((n) => EXTRA_NOTE.test(n)).slice(0, 4);
  return (
    <section class="tl-section" aria-labelledby="tl-detected">
      <h2 id="tl-detected">{t('sbSees')}</h2>
      <dl class="tl-facts">
        <dt>{t('sbIntent')}</dt>
        <dd data-testid="intents">
          {s.intents.length === 0 ? (
            <span class="tl-muted">{t('sbNoIntent')}</span>
          ) : (
            s.intents.slice(0, 3).map((i) => (
              <div class="tl-fact" key={i.id} data-intent={i.id}>
                <strong>{i.label}</strong> <span class="tl-muted">{pct(i.score)}</span>
                {i.evidence.length > 0 && <div class="tl-why">{t('sbBecause', quote(i.evidence.map((e) => e.text)))}</div>}
              </div>
            ))
          )}
        </dd>
        <dt>{t('sbMood')}</dt>
        <dd data-testid="mood" data-emotion={emotion.label}>
          <strong>{EMOTION_KEY[emotion.label] ? t(EMOTION_KEY[emotion.label]!) : emotion.label}</strong>
          {emotion.evidence.length > 0 && <div class="tl-why">{t('sbBecause', quote(emotion.evidence.map((e) => e.text)))}</div>}
        </dd>
        {s.amounts.length > 0 && (
          <>
            <dt>{t('sbAmounts')}</dt>
            <dd data-testid="amounts">
              {s.amounts.map((a, i) => (
                <div key={i} class="tl-fact">
                  <strong>{a.text}</strong>{' '}
                  <span class="tl-muted">
                    {a.currency ?? t('sbNoCurrency')}
                    {a.currencyAssumed ? ` ${t('sbAssumed')}` : ''} · {t('sbClaimed')}
                  </span>
                </div>
              ))}
            </dd>
          </>
        )}
        {dates.length > 0 && (
          <>
            <dt>{t('sbDates')}</dt>
            <dd data-testid="dates">
              {dates.map((d, i) => (
                <div key={i} class="tl-fact">
                  {d.kind !== 'unknown' ? `${d.kind}: ` : ''}
                  <strong>{d.date}</strong>{' '}
                  <span class="tl-muted">
                    ({ago(d.daysAgo)}, {t('sbFrom', d.text)})
                  </span>
                </div>
              ))}
            </dd>
          </>
        )}
        {refs.length > 0 && (
          <>
            <dt>{t('sbRefs')}</dt>
            <dd data-testid="references">{refs.map((r) => `${r.kind} ${r.value}`).join(' · ')}</dd>
          </>
        )}
      </dl>
      {extra.length > 0 && (
        <ul class="tl-notes">
          {extra.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Decision({ d, actions }: { d: DecisionView; actions: SidebarActions }) {
  return (
    <li class={`tl-decision tl-${d.outcome}`} data-outcome={d.outcome} data-source={d.source}>
      <div class="tl-decision-head">
        <span class="tl-badge">{t(OUTCOME_KEY[d.outcome])}</span>
        {d.source === 'draft' && <span class="tl-badge tl-badge-quiet">{t('sbInDraft')}</span>}
      </div>
      <p class="tl-summary">{d.summary}</p>
      {d.questions.length > 0 && (
        <ul class="tl-questions" aria-label={t('sbFacts')}>
          {d.questions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ul>
      )}
      {d.evidence.length > 0 && (
        <details>
          <summary>{t('sbEvidence', d.evidence.length)}</summary>
          <ul class="tl-checklist">
            {d.evidence.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </details>
      )}
      {d.reasoning.length > 0 && (
        <details>
          <summary>{t('sbWhy')}</summary>
          <ol class="tl-reasoning">
            {d.reasoning.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
          {d.policyTitle && (
            <p class="tl-muted">
              {t('sbPolicy')}{' '}
              {d.policyUrl ? (
                <a href={d.policyUrl} target="_blank" rel="noopener noreferrer">
                  {d.policyTitle}
                </a>
              ) : (
                d.policyTitle
              )}
            </p>
          )}
        </details>
      )}
      {d.approvalNote && (
        <button type="button" class="tl-btn" data-action="approval-note" onClick={() => actions.insert(d.approvalNote!, 'note')}>
          {t('sbApprovalBtn')}
        </button>
      )}
    </li>
  );
}

function Phrase({ p, actions }: { p: PhraseView; actions: SidebarActions }) {
  return (
    <li class="tl-phrase" data-phrase={p.id}>
      <p class="tl-phrase-text">{p.filled}</p>
      {p.unresolved.length > 0 && (
        <p class="tl-warn">{t('sbFillIn', p.unresolved.join(', '))}</p>
      )}
      <p class="tl-why">{p.reason}</p>
      <div class="tl-row">
        <button type="button" class="tl-btn tl-primary" data-action="insert" aria-label={t('sbInsertAria', p.filled.slice(0, 60))} onClick={() => actions.insert(p.filled, 'reply', p.id)}>
          {t('sbInsert')}
        </button>
        <button type="button" class="tl-btn" data-action="copy" aria-label={t('sbCopyAria')} onClick={() => actions.copy(p.filled)}>
          {t('sbCopy')}
        </button>
      </div>
    </li>
  );
}

function Policy({ s }: { s: Suggestion }) {
  return (
    <li class="tl-policy" data-policy={s.id}>
      <p class="tl-policy-title">
        {s.url ? (
          <a href={s.url} target="_blank" rel="noopener noreferrer">
            {s.title}
          </a>
        ) : (
          s.title
        )}
      </p>
      <p>{s.text}</p>
      <p class="tl-why">{s.reason}</p>
    </li>
  );
}

function Finding({ f, actions }: { f: DraftFinding; actions: SidebarActions }) {
  const first = f.instead[0];
  return (
    <li class={`tl-finding tl-${f.severity}`} data-rule={f.ruleId} data-kind={f.kind}>
      <p>
        <strong>“{f.text}”</strong> — {f.why}
      </p>
      {f.instead.length > 1 && <p class="tl-muted">{t('sbTryInstead', f.instead.slice(1, 3).map((i) => `“${i}”`).join(t('sbOr')))}</p>}
      <div class="tl-row">
        {first !== undefined && actions.replaceFinding && (
          <button type="button" class="tl-btn" data-action="replace-finding" onClick={() => actions.replaceFinding!(f, first)}>
            {t('ovReplaceWith', first)}
          </button>
        )}
        {actions.dismissFinding && (
          <button type="button" class="tl-link" data-action="dismiss-finding" onClick={() => actions.dismissFinding!(f)}>
            {f.kind === 'leak' ? t('ovIgnoreTicket') : t('ovDontFlag', f.text)}
          </button>
        )}
      </div>
    </li>
  );
}

export function Sidebar({ state, actions }: { state: SidebarState; actions: SidebarActions }) {
  const [showAllPhrases, setShowAll] = useState(false);
  const r = state.result;
  const phrases = r ? (showAllPhrases ? r.phrases : r.phrases.slice(0, 4)) : [];
  const draftDecisions = state.draft?.decisions ?? [];
  const decisions = [...(r?.decisions ?? []), ...draftDecisions];
  return (
    <aside
      class="tl-panel"
      role="complementary"
      aria-label={t('sbRegion')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') actions.collapse();
      }}
    >
      <header class="tl-header">
        <div>
          <h1>{t('extName')}</h1>
          <p class="tl-muted" data-testid="ticket" data-ticket-id={state.ticketId ?? ''}>
            {state.platformLabel}
            {state.ticketId ? ` · ${t('sbTicket', state.ticketId)}` : ''}
          </p>
          <p class="tl-muted tl-small" data-testid="pack">
            {r ? t('sbPackRole', r.pack.name, r.pack.version, r.role.label) : ''}
          </p>
        </div>
        <div class="tl-header-actions">
          {actions.switchSide && (
            <button
              type="button"
              class="tl-icon"
              data-action="switch-side"
              aria-label={state.dock === 'left' ? t('sbMoveRight') : t('sbMoveLeft')}
              title={state.dock === 'left' ? t('sbMoveRight') : t('sbMoveLeft')}
              onClick={actions.switchSide}
            >
              {state.dock === 'left' ? '→' : '←'}
            </button>
          )}
          <button type="button" class="tl-icon" data-action="collapse" aria-label={t('sbCollapse')} title={t('sbCollapse')} onClick={actions.collapse}>
            ×
          </button>
        </div>
      </header>
      <div class="tl-body" aria-busy={state.status === 'loading'}>
        {/* Only short status lines are announced; the guidance itself is not read out on every update. */}
        <div role="status" aria-live="polite" class="tl-live">
          {state.notice && <p class="tl-notice">{state.notice}</p>}
        </div>
        {state.status === 'loading' && !r && <p class="tl-muted">{t('sbReading')}</p>}
        {state.status === 'error' && (
          <p class="tl-error" role="alert">
            {t('sbError', state.error ?? '')}
          </p>
        )}
        {state.status === 'unreadable' && (
          <div class="tl-section">
            <p>{t('sbUnreadable', state.platformLabel)}</p>
            {actions.reportStructure && (
              <button type="button" class="tl-btn" onClick={actions.reportStructure}>
                {t('sbReport')}
              </button>
            )}
          </div>
        )}
        {r && (
          <>
            {actions.openPalette && (
              <div class="tl-section tl-palette-row">
                <button type="button" class="tl-btn" data-action="palette" onClick={actions.openPalette}>
                  {t('sbPalette')}
                </button>
                <span class="tl-muted tl-small">{state.paletteShortcut ? t('sbPaletteHint', state.paletteShortcut) : t('sbPaletteHintNoKey')}</span>
              </div>
            )}
            <Detected result={r} />
            {decisions.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-limits">
                <h2 id="tl-limits">{t('sbLimits')}</h2>
                <ul class="tl-list" data-testid="decisions">
                  {decisions.map((d, i) => (
                    <Decision key={`${d.source}-${i}-${d.summary}`} d={d} actions={actions} />
                  ))}
                </ul>
              </section>
            )}
            {state.draft && state.draft.findings.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-draft">
                <h2 id="tl-draft">{t('sbDraft')}</h2>
                <ul class="tl-list" data-testid="findings">
                  {state.draft.findings.map((f, i) => (
                    <Finding key={`${f.ruleId}-${i}`} f={f} actions={actions} />
                  ))}
                </ul>
              </section>
            )}
            <section class="tl-section" aria-labelledby="tl-phrases">
              <h2 id="tl-phrases">{t('sbPhrases')}</h2>
              <ul class="tl-list" data-testid="phrases">
                {phrases.map((p) => (
                  <Phrase key={p.id} p={p} actions={actions} />
                ))}
              </ul>
              {r.phrases.length > 4 && (
                <button type="button" class="tl-link" onClick={() => setShowAll(!showAllPhrases)}>
                  {showAllPhrases ? t('sbShowFewer') : t('sbShowMore', r.phrases.length - 4)}
                </button>
              )}
            </section>
            {r.policies.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-policies">
                <h2 id="tl-policies">{t('sbPolicies')}</h2>
                <ul class="tl-list" data-testid="policies">
                  {r.policies.map((s) => (
                    <Policy key={s.id} s={s} />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </aside>
  );
}

export function CollapsedTab({ onOpen, count }: { onOpen: () => void; count: number }) {
  return (
    <button type="button" class="tl-tab" aria-label={count ? t('sbOpenCount', count) : t('sbOpen')} onClick={onOpen}>
      {t('extName')}
      {count ? ` · ${count}` : ''}
    </button>
  );
}
