/**
 * What-if tester: paste a ticket, pick a role and a site, and see what the sidebar would show —
 * computed by the same background engine (`admin/whatif` calls Engine.suggestFor / draftFor) and
 * rendered with the real Sidebar component, next to the raw signals and every rule that fired.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { AdminState, WhatIfResult } from '@/guidance/protocol';
import { Sidebar } from '@/components/Sidebar';
import themeCss from '@/components/theme.css?inline';
import sidebarCss from '@/components/sidebar.css?inline';
import { t } from '@/components/i18n';
import { fmtMoney, fmtPercent, kindLabel, outcomeLabel } from '@/components/labels';

const PLATFORMS: Array<[string, string]> = [
  ['zendesk', 'Zendesk'],
  ['freshdesk', 'Freshdesk'],
  ['salesforce', 'Salesforce'],
  ['hubspot', 'HubSpot'],
  ['intercom', 'Intercom'],
  ['helpscout', 'Help Scout'],
  ['gorgias', 'Gorgias'],
  ['front', 'Front'],
  ['zoho', 'Zoho Desk'],
  ['servicenow', 'ServiceNow'],
  ['jira', 'Jira Service Management'],
  ['freshservice', 'Freshservice'],
  ['gmail', 'Gmail'],
  ['generic', 'Other site'],
];
const platformLabel = (id: string) => (id === 'generic' ? t('wiOtherSite') : (PLATFORMS.find(([p]) => p === id)?.[1] ?? id));

/** The real sidebar, in its own shadow root so its :host styles apply as in a helpdesk page. */
function SidebarPreview({ result, platformLabel }: { result: WhatIfResult; platformLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    render(
      <>
        <style>{`${themeCss}\n${sidebarCss}\n.tl-panel{height:100%;max-height:720px}`}</style>
        <Sidebar
          state={{ status: 'ready', platformLabel, ticketId: 'what-if', result: result.suggest, draft: result.draft }}
          actions={{ insert: (text) => void navigator.clipboard?.writeText(text), copy: (text) => void navigator.clipboard?.writeText(text), collapse: () => undefined }}
        />
      </>,
      root,
    );
  }, [result, platformLabel]);
  return <div ref={host} class="tl-preview-host" data-testid="whatif-sidebar" style={{ position: 'relative', top: 'auto', right: 'auto', height: '720px', zIndex: 'auto', display: 'block' }} />;
}

export function WhatIf({ state }: { state: AdminState }) {
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [role, setRole] = useState(state.settings.role);
  const [platform, setPlatform] = useState('zendesk');
  const [replyMode, setReplyMode] = useState<'public' | 'internal'>('public');
  const [customerName, setCustomerName] = useState('');
  const [draft, setDraft] = useState('');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(e: Event) {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('wiNeedText'));
      return;
    }
    setBusy(true);
    try {
      setResult(await request('admin/whatif', { text, subject, role, platform, replyMode, customerName: customerName || undefined, draft: draft || undefined }));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const s = result?.suggest.signals;
  return (
    <section id="whatif" aria-labelledby="whatif-h" class="tl-card">
      <h2 id="whatif-h">{t('wiTitle')}</h2>
      <p class="tl-muted">{t('wiIntro')}</p>
      <form onSubmit={run} class="tl-whatif-form">
        <label for="wi-subject">{t('wiSubject')}</label>
        <input id="wi-subject" value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        <label for="wi-text">{t('wiMessage')}</label>
        <textarea id="wi-text" rows={6} value={text} data-testid="whatif-text" onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <div class="tl-grid">
          <label>
            {t('ciRole')}
            <select id="wi-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
              {state.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('wiSite')}
            <select id="wi-platform" value={platform} onChange={(e) => setPlatform((e.target as HTMLSelectElement).value)}>
              {PLATFORMS.map(([id]) => (
                <option key={id} value={id}>
                  {platformLabel(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('wiReply')}
            <select id="wi-mode" value={replyMode} onChange={(e) => setReplyMode((e.target as HTMLSelectElement).value as 'public' | 'internal')}>
              <option value="public">{t('wiPublic')}</option>
              <option value="internal">{t('wiInternal')}</option>
            </select>
          </label>
          <label>
            {t('wiCustomer')}
            <input id="wi-name" value={customerName} placeholder="Ada Example" onInput={(e) => setCustomerName((e.target as HTMLInputElement).value)} />
          </label>
        </div>
        <label for="wi-draft">{t('wiDraft')}</label>
        <textarea id="wi-draft" rows={3} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <p>
          <button type="submit" class="tl-btn tl-primary" disabled={busy} data-action="whatif">
            {busy ? t('wiBusy') : t('wiRun')}
          </button>
        </p>
      </form>
      {error && (
        <p class="tl-error" role="alert">
          {error}
        </p>
      )}
      {result && s && (
        <div class="tl-whatif" data-testid="whatif-result">
          <div class="tl-whatif-details" aria-live="polite">
            <h3>{t('wiSignals')}</h3>
            <dl class="tl-facts">
              <dt>{t('wiIntents')}</dt>
              <dd data-testid="whatif-intents">
                {s.intents.length === 0
                  ? t('wiNoIntent')
                  : s.intents
                      .map((i) => {
                        const why = i.evidence.length ? `, ${t('wiBecause', `“${i.evidence.slice(0, 3).map((e) => e.text).join('”, “')}”`)}` : '';
                        return `${i.label} (${fmtPercent(i.score)}${why})`;
                      })
                      .join('; ')}
              </dd>
              <dt>{t('wiMood')}</dt>
              <dd>
                {s.emotion.label} ({fmtPercent(s.emotion.score)}) · {t('wiSentiment', s.sentiment.label)}
              </dd>
              <dt>{t('wiAmounts')}</dt>
              <dd>{s.amounts.length ? s.amounts.map((a) => `${a.text} → ${fmtMoney(a.value, a.currency)}${a.currencyAssumed ? ` ${t('wiAssumed')}` : ''}`).join('; ') : '—'}</dd>
              <dt>{t('wiDates')}</dt>
              <dd>{s.dates.length ? s.dates.map((d) => `${d.text} → ${d.date}`).join('; ') : '—'}</dd>
              <dt>{t('wiOther')}</dt>
              <dd>{[t('wiLanguage', s.language), t('wiRequester', s.requesterKind), s.repeatContact ? t('wiRepeat') : '', t('wiUrgency', s.urgency), ...s.notes].filter(Boolean).join(' · ')}</dd>
            </dl>
            <h3>{t('wiDecisions', result.suggest.role.label)}</h3>
            {[...result.suggest.decisions, ...(result.draft?.decisions ?? [])].length === 0 ? (
              <p class="tl-muted">{t('wiNoDecision')}</p>
            ) : (
              <ul data-testid="whatif-decisions">
                {[...result.suggest.decisions, ...(result.draft?.decisions ?? [])].map((d, i) => (
                  <li key={i}>
                    <strong data-outcome={d.outcome}>{outcomeLabel(d.outcome)}</strong>: {d.summary}
                    {d.reasoning.length > 0 && <small class="tl-muted"> — {d.reasoning.join(' ')}</small>}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('wiSuggestions')}</h3>
            <ul data-testid="whatif-suggestions">
              {[...result.suggest.phrases, ...result.suggest.policies, ...result.suggest.scenarios].map((x) => (
                <li key={`${x.kind}-${x.id}`}>
                  <span class="tl-kind">{kindLabel(x.kind)}</span> <code>{x.id}</code> {x.kind === 'phrase' ? `“${x.title}”` : x.title} <small class="tl-muted">— {x.reason}</small>
                </li>
              ))}
            </ul>
            <h3>{t('wiAvoidH')}</h3>
            {result.draft ? (
              result.draft.findings.length ? (
                <ul data-testid="whatif-avoid">
                  {result.draft.findings.map((f, i) => (
                    <li key={i}>
                      <code>{f.ruleId}</code> “{f.text}” — {f.why}
                      {f.instead.length > 0 && ` ${t('wiInstead', f.instead.map((x) => `“${x}”`).join(', '))}`}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="tl-muted">{t('wiNoneInDraft')}</p>
              )
            ) : (
              <p class="tl-muted">{t('wiAddDraft')}</p>
            )}
          </div>
          <div>
            <h3>{t('wiPreview')}</h3>
            <SidebarPreview result={result} platformLabel={platformLabel(platform)} />
          </div>
        </div>
      )}
    </section>
  );
}
