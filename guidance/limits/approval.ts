/**
 * The approval request: a ready-to-paste internal note built from a decision, with the amount,
 * the reason, the evidence checklist, the policy clause and the pack version — so the approver
 * can say yes or no without opening anything else.
 */

import type { Decision } from './decide';
import { actionLabel, formatAmount } from './format';

export interface ApprovalContext {
  ticketId?: string;
  customerName?: string;
  orderId?: string;
  agentName?: string;
  /** Locale for money; default 'en'. */
  locale?: string;
}

/** "Refund" → "refund", but "SLA credit" stays (an acronym keeps its case). */
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

export function approvalRequest(decision: Decision, ctx: ApprovalContext = {}): string {
  const locale = ctx.locale ?? 'en';
  const unit = decision.currency === '%' ? 'percent' : decision.currency ?? decision.unit;
  let amount = formatAmount(decision.amount, unit, locale);
  if (decision.unit && decision.valueInUnit !== undefined && unit !== decision.unit) {
    amount += ` (${formatAmount(Math.round(decision.valueInUnit * 100) / 100, decision.unit, locale)})`;
  }
  if (decision.unit === 'count') amount = `×${formatAmount(decision.amount, 'count', locale)}`;
  const action = decision.actionText ?? actionLabel(decision.action);
  const approver = decision.approver?.label;
  const out: string[] = [];

  const ticket = clean(ctx.ticketId);
  const order = clean(ctx.orderId);
  const customer = clean(ctx.customerName);
  const head =
    decision.outcome === 'needs-approval' && approver
      ? `Approval request for ${approver}: ${lowerFirst(action)} of ${amount}`
      : `Request for a decision: ${lowerFirst(action)} of ${amount}`;
  out.push(head + (ticket ? ` (ticket ${ticket})` : ''));
  const facts: string[] = [];
  if (customer) facts.push(`Customer: ${customer}`);
  if (order) facts.push(`Order: ${order}`);
  if (facts.length) out.push(facts.join(' · '));
  out.push('');

  // Why approval is needed, in one line, from the decision summary.
  const why = decision.summary.split(' — ').slice(1).join(' — ').replace(/ · confirm \d+ checks? first$/, '');
  if (why) out.push(`Why: ${why}.`);
  if (decision.yourLimit !== undefined && decision.unit) {
    out.push(`My limit: ${formatAmount(decision.yourLimit, decision.unit, locale)} (${decision.roleLabel ?? decision.role}).`);
  }
  if (decision.how) out.push(`How: ${decision.how}`);

  if (decision.evidence.length) {
    out.push('');
    out.push('Evidence:');
    for (const e of decision.evidence) out.push(`[ ] ${e}`);
  }
  if (decision.questions.length) {
    out.push('');
    out.push('Still to find out:');
    for (const q of decision.questions) out.push(`- ${q}`);
  }
  if (decision.policy) {
    out.push('');
    out.push(`Policy: ${decision.policy.title} — ${decision.policy.summary}${decision.policy.url ? ` (${decision.policy.url})` : ''}`);
  }
  out.push('');
  const rule = decision.limitId ? `limit ${decision.limitId}` : 'no limit';
  out.push(`Pack ${decision.pack.id} v${decision.pack.version}, ${rule}.`);
  const agent = clean(ctx.agentName);
  if (agent) out.push(`— ${agent}`);
  return out.join('\n');
}

/**
 * A plain-text summary of a decision to share ("Can I…?" page, CLI, copy button): the one-line
 * answer, then the reasoning, the checklist, open questions, the policy and the pack version.
 */
export function shareableSummary(decision: Decision): string {
  const out: string[] = [decision.summary];
  if (decision.approver) out.push(`Approver: ${decision.approver.label}${decision.how ? ` — ${decision.how}` : ''}`);
  if (decision.neverRule) out.push(`Rule: ${decision.neverRule.text}`);
  if (decision.questions.length) {
    out.push('', 'To decide, find out:');
    for (const q of decision.questions) out.push(`- ${q}`);
  }
  if (decision.evidence.length) {
    out.push('', 'Checklist:');
    for (const e of decision.evidence) out.push(`[ ] ${e}`);
  }
  if (decision.reasoning.length) {
    out.push('', 'Why:');
    for (const r of decision.reasoning) out.push(`- ${r}`);
  }
  if (decision.policy) {
    out.push('', `Policy: ${decision.policy.title}${decision.policy.url ? ` (${decision.policy.url})` : ''}`);
  }
  out.push('', `Pack ${decision.pack.id} v${decision.pack.version}${decision.limitId ? `, limit ${decision.limitId}` : ''}; rules: ${decision.cites.join(', ')}`);
  return out.join('\n');
}
