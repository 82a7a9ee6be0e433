/**
 * "Can I…?" for back-office staff: action, amount, currency, segment and date facts in; an instant
 * answer out (allowed / needs approval from whom / never / which facts are missing), with evidence,
 * the policy clause, the pack version, and a plain-text summary to share. Works without a helpdesk page.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { DecisionView, StatusResult } from '@/guidance/protocol';
import { t, type MessageKey } from './i18n';

/** Limit action ids (fixed by the pack format) and their labels. */
const ACTIONS: Array<[string, MessageKey]> = [
  ['refund', 'ciActRefund'],
  ['store-credit', 'ciActCredit'],
  ['replacement', 'ciActReplacement'],
  ['fee-waiver', 'ciActFee'],
  ['discount', 'ciActDiscount'],
  ['shipping-upgrade', 'ciActShipping'],
  ['goodwill-gift', 'ciActGift'],
  ['extension', 'ciActExtension'],
  ['access-grant', 'ciActAccess'],
];

const OUTCOME_KEY: Record<DecisionView['outcome'], MessageKey> = {
  allowed: 'ciOutAllowed',
  'needs-approval': 'ciOutApproval',
  'not-allowed': 'ciOutNot',
  'needs-info': 'ciOutInfo',
};

/** Plain text to paste into a chat or ticket: the labels in the UI language, the pack's own words as they are. */
export function shareText(d: DecisionView, packLine: string): string {
  return [
    d.summary,
    t('ciShOutcome', t(OUTCOME_KEY[d.outcome])),
    ...(d.questions.length ? [t('ciShMissing'), ...d.questions.map((q) => `- ${q}`)] : []),
    ...(d.evidence.length ? [t('ciShEvidence'), ...d.evidence.map((e) => `- ${e}`)] : []),
    ...(d.how ? [t('ciHow', d.how)] : []),
    ...(d.reasoning.length ? [t('ciShWhy'), ...d.reasoning.map((r) => `- ${r}`)] : []),
    ...(d.policyTitle ? [t('ciPolicy', `${d.policyTitle}${d.policyUrl ? ` (${d.policyUrl})` : ''}`)] : []),
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

  const packLine = status?.pack ? t('ciPackLine', status.pack.name, status.pack.version) : '';
  return (
    <form class={`tl-cani${compact ? ' tl-compact' : ''}`} onSubmit={(e) => e.preventDefault()} aria-label={t('ciTitle')}>
      {compact && <h2>{t('ciTitle')}</h2>}
      <div class="tl-grid">
        <label>
          {t('ciAction')}
          <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
            {ACTIONS.map(([id, key]) => (
              <option key={id} value={id}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ciAmount')}
          <input inputMode="decimal" value={amount} placeholder={t('ciAmountPh')} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('ciCurrency')}
          <input value={currency} maxLength={3} placeholder={t('ciCurrencyPh')} onInput={(e) => setCurrency((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('ciRole')}
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
              {t('ciSegment')}
              <input value={segment} placeholder={t('ciSegmentPh')} onInput={(e) => setSegment((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {t('ciOrderValue')}
              <input inputMode="decimal" value={orderValue} placeholder={t('ciOrderValuePh')} onInput={(e) => setOrderValue((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {t('ciDelivered')}
              <input type="date" value={delivery} onInput={(e) => setDelivery((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {t('ciPrior')}
              <input inputMode="numeric" value={priorUses} placeholder={t('ciPriorPh')} onInput={(e) => setPriorUses((e.target as HTMLInputElement).value)} />
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
              <strong>{t(OUTCOME_KEY[answer.outcome])}</strong>
            </p>
            <p>{answer.summary}</p>
            {answer.questions.length > 0 && (
              <ul aria-label={t('ciMissing')}>
                {answer.questions.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ul>
            )}
            {answer.evidence.length > 0 && (
              <>
                <h3>{t('ciEvidence')}</h3>
                <ul>
                  {answer.evidence.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              </>
            )}
            {answer.how && <p>{t('ciHow', answer.how)}</p>}
            {answer.reasoning.length > 0 && (
              <details open={!compact}>
                <summary>{t('ciWhy')}</summary>
                <ol>
                  {answer.reasoning.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ol>
              </details>
            )}
            {answer.policyTitle && (
              <p class="tl-muted">
                {t('ciPolicyLabel')}{' '}
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
              {copied ? t('ppCopied') : t('ciCopySummary')}
            </button>
          </section>
        )}
      </div>
    </form>
  );
}
