/**
 * The ticket sidebar. Renders only text through JSX (never HTML), links only http(s).
 * Keyboard-first: every action is a native button in a sensible tab order; Escape collapses.
 */
import { useState } from 'preact/hooks';
import type { DecisionView, DraftFinding, DraftResult, PhraseView, SuggestResult } from '@/guidance/protocol';
import type { Suggestion } from '@/guidance/types';

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
}

export interface SidebarActions {
  insert(text: string, target: 'reply' | 'note'): void;
  copy(text: string): void;
  collapse(): void;
  reportStructure?(): void;
}

const EMOTION_LABEL: Record<string, string> = {
  angry: 'Angry',
  frustrated: 'Frustrated',
  anxious: 'Anxious',
  confused: 'Confused',
  disappointed: 'Disappointed',
  grateful: 'Grateful',
  neutral: 'Neutral',
};

const OUTCOME_LABEL: Record<DecisionView['outcome'], string> = {
  allowed: 'You can decide',
  'needs-approval': 'Needs approval',
  'not-allowed': 'Not allowed',
  'needs-info': 'Needs more facts',
};

function pct(score: number): string {
  return `${Math.round(score * 100)}%`;
}

function quote(texts: string[]): string {
  const unique = [...new Set(texts.map((t) => t.trim()).filter(Boolean))].slice(0, 4);
  return unique.map((t) => `“${t.length > 40 ? `${t.slice(0, 39)}…` : t}”`).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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
      <h2 id="tl-detected">What Tactline sees</h2>
      <dl class="tl-facts">
        <dt>Intent</dt>
        <dd data-testid="intents">
          {s.intents.length === 0 ? (
            <span class="tl-muted">No clear intent — general guidance only</span>
          ) : (
            s.intents.slice(0, 3).map((i) => (
              <div class="tl-fact" key={i.id} data-intent={i.id}>
                <strong>{i.label}</strong> <span class="tl-muted">{pct(i.score)}</span>
                {i.evidence.length > 0 && <div class="tl-why">because of {quote(i.evidence.map((e) => e.text))}</div>}
              </div>
            ))
          )}
        </dd>
        <dt>Mood</dt>
        <dd data-testid="mood" data-emotion={emotion.label}>
          <strong>{EMOTION_LABEL[emotion.label] ?? emotion.label}</strong>
          {emotion.evidence.length > 0 && <div class="tl-why">because of {quote(emotion.evidence.map((e) => e.text))}</div>}
        </dd>
        {s.amounts.length > 0 && (
          <>
            <dt>Amounts</dt>
            <dd data-testid="amounts">
              {s.amounts.map((a, i) => (
                <div key={i} class="tl-fact">
                  <strong>{a.text}</strong>{' '}
                  <span class="tl-muted">
                    {a.currency ?? 'no currency'}
                    {a.currencyAssumed ? ' (assumed)' : ''} · customer-claimed
                  </span>
                </div>
              ))}
            </dd>
          </>
        )}
        {dates.length > 0 && (
          <>
            <dt>Dates</dt>
            <dd data-testid="dates">
              {dates.map((d, i) => (
                <div key={i} class="tl-fact">
                  {d.kind !== 'unknown' ? `${d.kind}: ` : ''}
                  <strong>{d.date}</strong>{' '}
                  <span class="tl-muted">
                    ({d.daysAgo === 0 ? 'today' : d.daysAgo > 0 ? `${plural(d.daysAgo, 'day')} ago` : `in ${plural(-d.daysAgo, 'day')}`}, from “{d.text}”)
                  </span>
                </div>
              ))}
            </dd>
          </>
        )}
        {refs.length > 0 && (
          <>
            <dt>References</dt>
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
        <span class="tl-badge">{OUTCOME_LABEL[d.outcome]}</span>
        {d.source === 'draft' && <span class="tl-badge tl-badge-quiet">in your draft</span>}
      </div>
      <p class="tl-summary">{d.summary}</p>
      {d.questions.length > 0 && (
        <ul class="tl-questions" aria-label="Facts needed">
          {d.questions.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ul>
      )}
      {d.evidence.length > 0 && (
        <details>
          <summary>Evidence needed ({d.evidence.length})</summary>
          <ul class="tl-checklist">
            {d.evidence.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </details>
      )}
      {d.reasoning.length > 0 && (
        <details>
          <summary>Why</summary>
          <ol class="tl-reasoning">
            {d.reasoning.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
          {d.policyTitle && (
            <p class="tl-muted">
              Policy:{' '}
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
          Draft approval request as internal note
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
        <p class="tl-warn">Fill in before sending: {p.unresolved.join(', ')}</p>
      )}
      <p class="tl-why">{p.reason}</p>
      <div class="tl-row">
        <button type="button" class="tl-btn tl-primary" data-action="insert" aria-label={`Insert phrase: ${p.filled.slice(0, 60)}`} onClick={() => actions.insert(p.filled, 'reply')}>
          Insert
        </button>
        <button type="button" class="tl-btn" data-action="copy" aria-label="Copy phrase" onClick={() => actions.copy(p.filled)}>
          Copy
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

function Finding({ f }: { f: DraftFinding }) {
  return (
    <li class={`tl-finding tl-${f.severity}`} data-rule={f.ruleId} data-kind={f.kind}>
      <p>
        <strong>“{f.text}”</strong> — {f.why}
      </p>
      {f.instead.length > 0 && <p class="tl-muted">Try instead: {f.instead.slice(0, 3).map((i) => `“${i}”`).join(' or ')}</p>}
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
      aria-label="Tactline guidance"
      onKeyDown={(e) => {
        if (e.key === 'Escape') actions.collapse();
      }}
    >
      <header class="tl-header">
        <div>
          <h1>Tactline</h1>
          <p class="tl-muted" data-testid="ticket" data-ticket-id={state.ticketId ?? ''}>
            {state.platformLabel}
            {state.ticketId ? ` · ticket #${state.ticketId}` : ''}
          </p>
          <p class="tl-muted tl-small" data-testid="pack">
            {r ? `${r.pack.name} v${r.pack.version} · you are ${r.role.label}` : ''}
          </p>
        </div>
        <button type="button" class="tl-icon" aria-label="Collapse Tactline (Esc)" title="Collapse (Esc)" onClick={actions.collapse}>
          ×
        </button>
      </header>
      <div class="tl-body" aria-live="polite" aria-busy={state.status === 'loading'}>
        {state.notice && (
          <p class="tl-notice" role="status">
            {state.notice}
          </p>
        )}
        {state.status === 'loading' && !r && <p class="tl-muted">Reading ticket{state.ticketId ? ` #${state.ticketId}` : ''}…</p>}
        {state.status === 'error' && (
          <p class="tl-error" role="alert">
            Tactline could not analyse this ticket: {state.error}
          </p>
        )}
        {state.status === 'unreadable' && (
          <div class="tl-section">
            <p>
              Tactline can't read a ticket on this {state.platformLabel} page. If a ticket is open, the page layout may have
              changed.
            </p>
            {actions.reportStructure && (
              <button type="button" class="tl-btn" onClick={actions.reportStructure}>
                Copy a redacted page-structure report
              </button>
            )}
          </div>
        )}
        {r && (
          <>
            <Detected result={r} />
            {decisions.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-limits">
                <h2 id="tl-limits">Your limits</h2>
                <ul class="tl-list" data-testid="decisions">
                  {decisions.map((d, i) => (
                    <Decision key={`${d.source}-${i}-${d.summary}`} d={d} actions={actions} />
                  ))}
                </ul>
              </section>
            )}
            {state.draft && state.draft.findings.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-draft">
                <h2 id="tl-draft">Your draft</h2>
                <ul class="tl-list" data-testid="findings">
                  {state.draft.findings.map((f, i) => (
                    <Finding key={`${f.ruleId}-${i}`} f={f} />
                  ))}
                </ul>
              </section>
            )}
            <section class="tl-section" aria-labelledby="tl-phrases">
              <h2 id="tl-phrases">Suggested phrases</h2>
              <ul class="tl-list" data-testid="phrases">
                {phrases.map((p) => (
                  <Phrase key={p.id} p={p} actions={actions} />
                ))}
              </ul>
              {r.phrases.length > 4 && (
                <button type="button" class="tl-link" onClick={() => setShowAll(!showAllPhrases)}>
                  {showAllPhrases ? 'Show fewer' : `Show ${r.phrases.length - 4} more`}
                </button>
              )}
            </section>
            {r.policies.length > 0 && (
              <section class="tl-section" aria-labelledby="tl-policies">
                <h2 id="tl-policies">Policies</h2>
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
    <button type="button" class="tl-tab" aria-label={`Open Tactline guidance${count ? ` (${count} suggestions)` : ''}`} onClick={onOpen}>
      Tactline{count ? ` · ${count}` : ''}
    </button>
  );
}
