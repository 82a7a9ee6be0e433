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
import sidebarCss from '@/components/sidebar.css?inline';

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

/** The real sidebar, in its own shadow root so its :host styles apply as in a helpdesk page. */
function SidebarPreview({ result, platformLabel }: { result: WhatIfResult; platformLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    render(
      <>
        <style>{`${sidebarCss}\n.tl-panel{height:100%;max-height:720px}`}</style>
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
      setError('Paste or type a ticket first.');
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
      <h2 id="whatif-h">What-if tester</h2>
      <p class="tl-muted">See what agents would get for a ticket with the active pack — nothing is saved or sent anywhere.</p>
      <form onSubmit={run} class="tl-whatif-form">
        <label for="wi-subject">Subject</label>
        <input id="wi-subject" value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        <label for="wi-text">Customer message</label>
        <textarea id="wi-text" rows={6} value={text} data-testid="whatif-text" onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <div class="tl-grid">
          <label>
            Role
            <select id="wi-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
              {state.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Site
            <select id="wi-platform" value={platform} onChange={(e) => setPlatform((e.target as HTMLSelectElement).value)}>
              {PLATFORMS.map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reply
            <select id="wi-mode" value={replyMode} onChange={(e) => setReplyMode((e.target as HTMLSelectElement).value as 'public' | 'internal')}>
              <option value="public">Public reply</option>
              <option value="internal">Internal note</option>
            </select>
          </label>
          <label>
            Customer name
            <input id="wi-name" value={customerName} placeholder="Ada Example" onInput={(e) => setCustomerName((e.target as HTMLInputElement).value)} />
          </label>
        </div>
        <label for="wi-draft">Agent draft (optional: checks phrases to avoid and amounts in the reply)</label>
        <textarea id="wi-draft" rows={3} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <p>
          <button type="submit" class="tl-btn tl-primary" disabled={busy} data-action="whatif">
            {busy ? 'Analysing…' : 'Show what the sidebar would show'}
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
            <h3>Signals</h3>
            <dl class="tl-facts">
              <dt>Intents</dt>
              <dd data-testid="whatif-intents">
                {s.intents.length === 0
                  ? 'None fits (no pack intent is close enough)'
                  : s.intents.map((i) => `${i.label} (${Math.round(i.score * 100)}%${i.evidence.length ? `, because of “${i.evidence.slice(0, 3).map((e) => e.text).join('”, “')}”` : ''})`).join('; ')}
              </dd>
              <dt>Mood</dt>
              <dd>
                {s.emotion.label} ({Math.round(s.emotion.score * 100)}%) · sentiment {s.sentiment.label}
              </dd>
              <dt>Amounts</dt>
              <dd>{s.amounts.length ? s.amounts.map((a) => `${a.text} → ${a.value}${a.currency ? ` ${a.currency}` : ''}${a.currencyAssumed ? ' (currency assumed)' : ''}`).join('; ') : '—'}</dd>
              <dt>Dates</dt>
              <dd>{s.dates.length ? s.dates.map((d) => `${d.text} → ${d.date}`).join('; ') : '—'}</dd>
              <dt>Other</dt>
              <dd>{[`language ${s.language}`, `requester ${s.requesterKind}`, s.repeatContact ? 'repeat contact' : '', `urgency ${s.urgency}`, ...s.notes].filter(Boolean).join(' · ')}</dd>
            </dl>
            <h3>Limit decisions ({result.suggest.role.label})</h3>
            {[...result.suggest.decisions, ...(result.draft?.decisions ?? [])].length === 0 ? (
              <p class="tl-muted">No amount in the ticket or draft triggers a limit.</p>
            ) : (
              <ul data-testid="whatif-decisions">
                {[...result.suggest.decisions, ...(result.draft?.decisions ?? [])].map((d, i) => (
                  <li key={i}>
                    <strong>{d.outcome}</strong>: {d.summary}
                    {d.reasoning.length > 0 && <small class="tl-muted"> — {d.reasoning.join(' ')}</small>}
                  </li>
                ))}
              </ul>
            )}
            <h3>Suggestions and why</h3>
            <ul data-testid="whatif-suggestions">
              {[...result.suggest.phrases, ...result.suggest.policies, ...result.suggest.scenarios].map((x) => (
                <li key={`${x.kind}-${x.id}`}>
                  <span class="tl-kind">{x.kind}</span> <code>{x.id}</code> {x.kind === 'phrase' ? `“${x.title}”` : x.title} <small class="tl-muted">— {x.reason}</small>
                </li>
              ))}
            </ul>
            <h3>Phrases to avoid that fire</h3>
            {result.draft ? (
              result.draft.findings.length ? (
                <ul data-testid="whatif-avoid">
                  {result.draft.findings.map((f, i) => (
                    <li key={i}>
                      <code>{f.ruleId}</code> “{f.text}” — {f.why}
                      {f.instead.length > 0 && ` Instead: ${f.instead.map((x) => `“${x}”`).join(', ')}`}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="tl-muted">None in the draft.</p>
              )
            ) : (
              <p class="tl-muted">Add an agent draft to check it.</p>
            )}
          </div>
          <div>
            <h3>Sidebar preview</h3>
            <SidebarPreview result={result} platformLabel={PLATFORMS.find(([id]) => id === platform)?.[1] ?? platform} />
          </div>
        </div>
      )}
    </section>
  );
}
