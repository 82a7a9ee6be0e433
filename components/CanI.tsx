/**
 * "Can I…?" for back-office staff: action, amount, currency, segment and date facts in; an instant
 * answer out (allowed / needs approval from whom / never / which facts are missing), with evidence,
 * the policy clause, the pack version, and a plain-text summary to share. Works without a helpdesk page.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { DecisionView, StatusResult } from '@/guidance/protocol';

const ACTIONS: Array<[string, string]> = [
  ['refund', 'Refund'],
  ['store-credit', 'Store credit'],
  ['replacement', 'Replacement'],
  ['fee-waiver', 'Fee waiver'],
  ['discount', 'Discount'],
  ['shipping-upgrade', 'Shipping upgrade'],
  ['goodwill-gift', 'Goodwill gift'],
  ['extension', 'Extension'],
  ['access-grant', 'Access grant'],
];

const OUTCOME_TEXT: Record<DecisionView['outcome'], string> = {
  allowed: 'Yes — you can decide this yourself',
  'needs-approval': 'Needs approval',
  'not-allowed': 'No — this is never allowed',
  'needs-info': 'Tactline needs more facts',
};

export function shareText(d: DecisionView, packLine: string): string {
  return [
    d.summary,
    `Outcome: ${OUTCOME_TEXT[d.outcome]}`,
    ...(d.questions.length ? ['Missing facts:', ...d.questions.map((q) => `- ${q}`)] : []),
    ...(d.evidence.length ? ['Evidence needed:', ...d.evidence.map((e) => `- ${e}`)] : []),
    ...(d.how ? [`How to ask: ${d.how}`] : []),
    ...(d.reasoning.length ? ['Why:', ...d.reasoning.map((r) => `- ${r}`)] : []),
    ...(d.policyTitle ? [`Policy: ${d.policyTitle}${d.policyUrl ? ` (${d.policyUrl})` : ''}`] : []),
    packLine,
  ].join('\n');
}

function num(v: string): number | undefined {
  if (!v.trim()) return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

export function CanI({ compact = false }: { compact?: boolean }) {
  const [status, setStatus] = useState<StatusResult | null>(null);
  const [action, setAction] = useState('refund');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [segment, setSegment] = useState('');
  const [role, setRole] = useState('');
  const [orderValue, setOrderValue] = useState('');
  const [delivery, setDelivery] = useState('');
  const [priorUses, setPriorUses] = useState('');
  const [answer, setAnswer] = useState<DecisionView | null>(null);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    request('status/get', {}).then((s) => {
      setStatus(s);
      setRole(s.settings.role);
    }, (e: Error) => setError(e.message));
  }, []);

  const req = useMemo(() => {
    const a = num(amount);
    if (a === undefined) return null;
    return {
      action,
      amount: a,
      currency: /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : undefined,
      segment: segment.trim() || undefined,
      role: role || undefined,
      orderValue: num(orderValue),
      priorUses: num(priorUses),
      dates: delivery ? { delivery } : undefined,
    };
  }, [action, amount, currency, segment, role, orderValue, delivery, priorUses]);

  useEffect(() => {
    setCopied(false);
    if (!req) {
      setAnswer(null);
      return;
    }
    let live = true;
    request('limits/decide', req).then(
      (d) => live && (setAnswer(d), setError(undefined)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [req]);

  const packLine = status?.pack ? `Pack: ${status.pack.name} v${status.pack.version}` : '';
  return (
    <form class={`tl-cani${compact ? ' tl-compact' : ''}`} onSubmit={(e) => e.preventDefault()} aria-label="Can I…?">
      {compact && <h2>Can I…?</h2>}
      <div class="tl-grid">
        <label>
          Action
          <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
            {ACTIONS.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input inputMode="decimal" value={amount} placeholder="e.g. 180" onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Currency
          <input value={currency} maxLength={3} placeholder="pack default" onInput={(e) => setCurrency((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Role
          <select value={role} disabled={status?.lockedSettings.includes('role')} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
            {(status?.roles ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {!compact && (
          <>
            <label>
              Customer segment
              <input value={segment} placeholder="e.g. member" onInput={(e) => setSegment((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Order value
              <input inputMode="decimal" value={orderValue} placeholder="for % limits" onInput={(e) => setOrderValue((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Delivered on
              <input type="date" value={delivery} onInput={(e) => setDelivery((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Prior uses in the period
              <input inputMode="numeric" value={priorUses} placeholder="e.g. 1" onInput={(e) => setPriorUses((e.target as HTMLInputElement).value)} />
            </label>
          </>
        )}
      </div>
      {error && (
        <p class="tl-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite" data-testid="answer">
        {answer && (
          <section class={`tl-answer tl-${answer.outcome}`}>
            <p class="tl-outcome">
              <strong>{OUTCOME_TEXT[answer.outcome]}</strong>
            </p>
            <p>{answer.summary}</p>
            {answer.questions.length > 0 && (
              <ul aria-label="Missing facts">
                {answer.questions.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ul>
            )}
            {answer.evidence.length > 0 && (
              <>
                <h3>Evidence needed</h3>
                <ul>
                  {answer.evidence.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              </>
            )}
            {answer.how && <p>How to ask: {answer.how}</p>}
            {answer.reasoning.length > 0 && (
              <details open={!compact}>
                <summary>Why</summary>
                <ol>
                  {answer.reasoning.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ol>
              </details>
            )}
            {answer.policyTitle && (
              <p class="tl-muted">
                Policy:{' '}
                {answer.policyUrl ? (
                  <a href={answer.policyUrl} target="_blank" rel="noopener noreferrer">
                    {answer.policyTitle}
                  </a>
                ) : (
                  answer.policyTitle
                )}
              </p>
            )}
            <p class="tl-muted">{packLine}</p>
            <button type="button" class="tl-btn" onClick={() => void navigator.clipboard.writeText(shareText(answer, packLine)).then(() => setCopied(true))}>
              {copied ? 'Copied' : 'Copy summary'}
            </button>
          </section>
        )}
      </div>
    </form>
  );
}
