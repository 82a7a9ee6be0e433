/**
 * `tactline analyze`, `explain`, `check`: the extension's engine, run from the command line so
 * admins can test a pack on real tickets before publishing it.
 */

import { createInterface } from 'node:readline';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { analyze } from '../../guidance/analyze';
import { buildIndex, type PackIndex } from '../../guidance/index/build';
import { suggest } from '../../guidance/suggest';
import { decide, type DecideDates, type DecideInput, type Decision } from '../../guidance/limits/decide';
import { decisionsForSignals, type DecisionLine } from '../../guidance/limits/lines';
import { compileAvoidRules, lintDraft, type LintFinding } from '../../guidance/tone/lint';
import type { Pack } from '../../guidance/pack/types';
import type { AuthorRole, Channel, Platform, ReplyMode, Signals, Suggestion, TicketContext, TicketMessage } from '../../guidance/types';
import { EXIT_INVALID, EXIT_OK, UsageError, err, out, parse } from './io';
import { formatProblem, loadAndValidate } from './sources';

const ANALYZE_HELP = `Usage: tactline analyze --pack PACK [--jsonl] [--role ROLE]

Reads tickets from stdin and writes what Tactline detects.
  --jsonl      one ticket per input line, one JSON object per output line, in the same order.
               A ticket is {"id": "…", "text": "…"} (the text is the customer's message) or a full
               ticket context (platform, ticketId, subject, messages […], …).
               Output: {"id","intents":[{"id","score"}…],"emotion":{"label","score"},
               "sentiment":{"label","score"},"amounts":[…],"dates":[…],"suggestions":[…]}.
               A line that cannot be read gives {"id":null,"line":N,"error":"…"} (exit 1 at the end).
  without --jsonl, stdin holds one ticket (JSON or plain text) and the output is indented JSON.
  --role ROLE  role whose suggestions are listed (default: the pack's first role).
  --reference-date YYYY-MM-DD   "today" for relative dates in tickets without one.
`;

const EXPLAIN_HELP = `Usage: tactline explain --pack PACK TICKET [--json] [--role ROLE] [--draft TEXT]

The what-if view: what the extension would show for TICKET and why — detected signals,
suggestions, the limits that apply to amounts in the ticket, and avoid rules that would fire
(in --draft, and in the suggested phrases themselves).
TICKET is a file (a ticket context as JSON, {"id","text"}, or plain text), "-" for stdin,
or the ticket text itself in quotes.
`;

const CHECK_HELP = `Usage: tactline check --pack PACK --role ROLE --action ACTION --amount N [options]

May this role do this? Prints the decision as text (or --json).
  --action ACTION        refund, store-credit, discount, … or a limit id/label
  --amount N             the amount (in --currency; a count for count limits)
  --currency C           ISO 4217 code, or % for a percentage (default: the pack currency)
  --date [KIND=]DATE     a date the limit's time window counts from; KIND is delivery, order,
                         purchase or contact (without KIND: the date the limit's window uses). Repeatable.
  --today DATE           "today" (default: the current UTC date)
  --segment S            customer segment
  --order-value N        order value, for percent limits and percent never rules
  --prior-uses N         how often the customer already had this in the cap period
  --proof yes|no         proof of purchase available
  --confirm RULE         a manual never rule confirmed as not applying (repeatable)
  --internal             the requester is a colleague (internal service limits)
  --json                 print the decision as JSON
Exit 0 when a decision was made (whatever it is), 1 when the pack is invalid, 2 on usage errors.
`;

// ---------------------------------------------------------------------------------------------
// Shared

function loadPack(arg: string | undefined): Pack | undefined {
  if (!arg) throw new UsageError('--pack PACK is required (a pack file or folder)');
  const c = loadAndValidate(arg);
  if (c.errors.length > 0 || !c.pack) {
    for (const e of c.errors) err(formatProblem(e));
    err(`tactline: ${arg} is not a valid pack (run "tactline pack validate ${arg}")`);
    return undefined;
  }
  return c.pack;
}

function pickRole(pack: Pack, role: string | undefined): string {
  if (role) {
    const found = pack.roles.find((r) => r.id === role || r.label.toLowerCase() === role.toLowerCase());
    if (!found && pack.roles.length > 0) {
      throw new UsageError(`--role: "${role}" is not a role in the pack (roles: ${pack.roles.map((r) => r.id).join(', ')})`);
    }
    return found?.id ?? role;
  }
  return pack.roles[0]?.id ?? 'agent';
}

const PLATFORMS = new Set<Platform>([
  'zendesk', 'freshdesk', 'salesforce', 'hubspot', 'intercom', 'helpscout', 'gorgias', 'front', 'zoho', 'servicenow',
  'jira', 'freshservice', 'gmail', 'freescout', 'osticket', 'generic', 'demo',
]);
const ROLES = new Set<AuthorRole>(['customer', 'agent', 'internal']);
const CHANNELS = new Set<Channel>(['email', 'web', 'chat', 'phone', 'social', 'api', 'other']);
const MAX_TEXT = 200_000;

function str(v: unknown, what: string, max = MAX_TEXT): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new Error(`${what} must be text`);
  if (v.length > max) throw new Error(`${what} is too long (${v.length} characters, at most ${max})`);
  return v;
}

/** A ticket context from `{"id","text"}`, a full (possibly partial) TicketContext, or plain text. */
export function toContext(input: unknown, referenceDate?: string): TicketContext {
  if (typeof input === 'string') input = { text: input };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('a ticket must be a JSON object');
  const o = input as Record<string, unknown>;
  const id = str(o.ticketId, 'ticketId', 200) ?? str(o.id, 'id', 200) ?? '';
  const base = {
    ticketId: id,
    subject: str(o.subject, 'subject', 2_000) ?? '',
    requester: { name: undefined as string | undefined, email: undefined as string | undefined },
    tags: [] as string[],
    replyMode: (o.replyMode === 'internal' ? 'internal' : 'public') as ReplyMode,
    referenceDate: str(o.referenceDate, 'referenceDate', 40) ?? referenceDate,
  };
  if (o.requester && typeof o.requester === 'object') {
    const r = o.requester as Record<string, unknown>;
    base.requester = { name: str(r.name, 'requester.name', 500), email: str(r.email, 'requester.email', 500) };
  }
  if (Array.isArray(o.tags)) base.tags = o.tags.filter((t): t is string => typeof t === 'string').slice(0, 100);
  let messages: TicketMessage[];
  if (Array.isArray(o.messages)) {
    messages = o.messages.slice(0, 500).map((m, i) => {
      if (!m || typeof m !== 'object') throw new Error(`messages[${i}] must be an object`);
      const mm = m as Record<string, unknown>;
      const role = ROLES.has(mm.role as AuthorRole) ? (mm.role as AuthorRole) : 'customer';
      return { role, text: str(mm.text, `messages[${i}].text`) ?? '', author: str(mm.author, 'author', 500), at: str(mm.at, 'at', 40) };
    });
  } else {
    const text = str(o.text, 'text');
    if (text === undefined) throw new Error('a ticket needs "text" (the customer message) or "messages"');
    messages = [{ role: 'customer', text }];
  }
  const latest = [...messages].reverse().find((m) => m.role === 'customer')?.text ?? '';
  const ctx: TicketContext = {
    platform: PLATFORMS.has(o.platform as Platform) ? (o.platform as Platform) : 'generic',
    ticketId: base.ticketId,
    subject: base.subject,
    messages,
    latestCustomerMessage: str(o.latestCustomerMessage, 'latestCustomerMessage') ?? latest,
    requester: base.requester,
    tags: base.tags,
    replyMode: base.replyMode,
  };
  if (base.referenceDate) ctx.referenceDate = base.referenceDate;
  if (CHANNELS.has(o.channel as Channel)) ctx.channel = o.channel as Channel;
  const agentName = str(o.agentName, 'agentName', 500);
  if (agentName) ctx.agentName = agentName;
  const priority = str(o.priority, 'priority', 100);
  if (priority) ctx.priority = priority;
  return ctx;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** The compact per-ticket record written by `analyze`. */
export function analysisRecord(id: unknown, s: Signals, suggestions: Suggestion[]) {
  return {
    id,
    intents: s.intents.map((c) => ({ id: c.id, score: r3(c.score) })),
    emotion: { label: s.emotion.label, score: r3(s.emotion.score) },
    sentiment: { label: s.sentiment.label, score: r3(s.sentiment.score) },
    amounts: s.amounts.map((a) => {
      const rec: Record<string, unknown> = { value: a.value, currency: a.currency ?? null, text: a.text, start: a.start, end: a.end };
      if (a.currencyAssumed) rec.currencyAssumed = true;
      if (a.min !== undefined) rec.min = a.min;
      return rec;
    }),
    dates: s.dates.map((d) => ({ date: d.date, kind: d.kind, daysAgo: d.daysAgo, text: d.text, start: d.start, end: d.end })),
    references: s.references.map((r) => ({ kind: r.kind, value: r.value })),
    language: s.language,
    requesterKind: s.requesterKind,
    urgency: s.urgency,
    repeatContact: s.repeatContact,
    suggestions: suggestions.map((g) => ({ kind: g.kind, id: g.id, score: r3(g.score) })),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// analyze

export async function analyzeMain(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    pack: { type: 'string' },
    jsonl: { type: 'boolean' },
    role: { type: 'string' },
    'reference-date': { type: 'string' },
  });
  if (values.help) {
    out(ANALYZE_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`analyze: unexpected argument "${positionals[0]}" (tickets are read from stdin)`);
  const refDate = values['reference-date'];
  if (refDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(refDate)) throw new UsageError('--reference-date must look like 2026-03-31');
  const pack = loadPack(values.pack);
  if (!pack) return EXIT_INVALID;
  const role = pickRole(pack, values.role);
  const index: PackIndex = buildIndex(pack);

  const one = (input: unknown) => {
    const ctx = toContext(input, refDate);
    const signals = analyze(ctx, pack, index);
    const suggestions = suggest(signals, pack, role, { replyMode: ctx.replyMode, channel: ctx.channel });
    const rawId = input && typeof input === 'object' ? ((input as Record<string, unknown>).id ?? (input as Record<string, unknown>).ticketId) : undefined;
    return analysisRecord(rawId ?? (ctx.ticketId || null), signals, suggestions);
  };

  if (!values.jsonl) {
    const text = await readStdin();
    let input: unknown = text;
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      try {
        input = JSON.parse(trimmed);
      } catch (e) {
        throw new UsageError(`stdin is not valid JSON: ${(e as Error).message}`);
      }
    }
    try {
      out(JSON.stringify(one(input), null, 2));
    } catch (e) {
      err(`tactline: ${(e as Error).message}`);
      return EXIT_INVALID;
    }
    return EXIT_OK;
  }

  let failed = 0;
  let lineNo = 0;
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    let record: unknown;
    try {
      if (line.length > 1_000_000) throw new Error('the line is longer than 1,000,000 characters');
      if (line.trim() === '') throw new Error('empty line');
      let input: unknown;
      try {
        input = JSON.parse(line);
      } catch {
        throw new Error('not valid JSON');
      }
      record = one(input);
    } catch (e) {
      failed++;
      record = { id: null, line: lineNo, error: (e as Error).message };
    }
    buffer.push(JSON.stringify(record) + '\n');
    if (buffer.length >= 256) await flush();
  }
  await flush();
  if (failed > 0) err(`tactline: ${failed} of ${lineNo} lines could not be analysed (see the "error" records)`);
  return failed > 0 ? EXIT_INVALID : EXIT_OK;
}

// ---------------------------------------------------------------------------------------------
// explain

function readTicketArg(arg: string): Promise<unknown> | unknown {
  if (arg === '-') return readStdin().then(parseTicketText);
  if (existsSync(arg) && statSync(arg).isFile()) return parseTicketText(readFileSync(arg, 'utf8'));
  return arg;
}

function parseTicketText(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch (e) {
      throw new UsageError(`the ticket is not valid JSON: ${(e as Error).message}`);
    }
  }
  return text;
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function quote(s: string, max = 90): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > max ? one.slice(0, max - 1) + '…' : one);
}

interface PhraseFinding {
  phraseId: string;
  finding: LintFinding;
}

export async function explainMain(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    pack: { type: 'string' },
    json: { type: 'boolean' },
    role: { type: 'string' },
    draft: { type: 'string' },
    'reference-date': { type: 'string' },
    today: { type: 'string' },
  });
  if (values.help) {
    out(EXPLAIN_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('explain: give exactly one TICKET (a file, "-" for stdin, or the text in quotes)');
  const pack = loadPack(values.pack);
  if (!pack) return EXIT_INVALID;
  const role = pickRole(pack, values.role);
  const input = await readTicketArg(positionals[0]!);
  let ctx: TicketContext;
  try {
    ctx = toContext(input, values['reference-date']);
  } catch (e) {
    throw new UsageError(`the ticket cannot be read: ${(e as Error).message}`);
  }
  const signals = analyze(ctx, pack);
  const suggestions = suggest(signals, pack, role, { replyMode: ctx.replyMode, channel: ctx.channel });
  const lines: DecisionLine[] = decisionsForSignals(signals, pack, role, { today: values.today });
  const lint = compileAvoidRules(pack.avoid);
  const draftFindings = values.draft ? lintDraft(values.draft, lint, { replyMode: ctx.replyMode }) : [];
  const phraseFindings: PhraseFinding[] = [];
  for (const s of suggestions) {
    if (s.kind !== 'phrase') continue;
    for (const f of lintDraft(s.title, lint, { replyMode: s.audience === 'internal' ? 'internal' : 'public' })) phraseFindings.push({ phraseId: s.id, finding: f });
  }

  if (values.json) {
    out(JSON.stringify({ ticket: { id: ctx.ticketId, platform: ctx.platform }, role, signals, suggestions, decisions: lines, avoid: { draft: draftFindings, phrases: phraseFindings } }, null, 2));
    return EXIT_OK;
  }

  const o: string[] = [];
  const roleLabel = pack.roles.find((r) => r.id === role)?.label ?? role;
  o.push(`Ticket ${ctx.ticketId || '(no id)'} · pack "${pack.id}" version ${pack.version} · role ${roleLabel}`);
  o.push(`Language ${signals.language} (${pct(signals.languageConfidence)}) · requester: ${signals.requesterKind} · urgency: ${signals.urgency}${signals.repeatContact ? ' · repeat contact' : ''}`);
  o.push('', 'Intents (best first):');
  if (signals.intents.length === 0) o.push('  none fits (every intent scored under the threshold)');
  signals.intents.forEach((c, i) => {
    const ev = c.evidence.map((e) => quote(e.text, 40)).join(', ');
    o.push(`  ${i + 1}. ${c.label} [${c.id}] ${pct(c.score)}${ev ? ` — because of ${ev}` : ''}`);
  });
  const emoEv = signals.emotion.evidence.map((e) => quote(e.text, 40)).join(', ');
  o.push('', `Mood: ${signals.emotion.label} (${pct(signals.emotion.score)})${emoEv ? ` — because of ${emoEv}` : ''}`);
  o.push(`Sentiment: ${signals.sentiment.label} (${signals.sentiment.score.toFixed(2)})`);
  if (signals.amounts.length) o.push(`Amounts: ${signals.amounts.map((a) => `${quote(a.text, 30)} = ${a.value}${a.currency ? ` ${a.currency}${a.currencyAssumed ? ' (currency assumed)' : ''}` : ''}`).join('; ')} (customer-claimed)`);
  if (signals.dates.length) o.push(`Dates: ${signals.dates.map((d) => `${d.date} (${d.kind}, ${d.daysAgo} days ago, from ${quote(d.text, 30)})`).join('; ')}`);
  if (signals.references.length) o.push(`References: ${signals.references.map((r) => `${r.kind} ${r.value}`).join('; ')}`);
  for (const n of signals.notes) o.push(`Note: ${n}`);

  o.push('', `Suggestions for ${roleLabel}:`);
  if (suggestions.length === 0) o.push('  none');
  for (const s of suggestions) {
    const what = s.kind === 'phrase' ? `phrase (${s.phraseKind ?? 'phrase'}${s.audience && s.audience !== 'any' ? `, ${s.audience}` : ''})` : s.kind;
    o.push(`  ${what} ${s.id} ${pct(s.score)}: ${quote(s.title)}`);
    if (s.reason) o.push(`      why: ${s.reason}`);
  }

  o.push('', 'Limits that apply to amounts in the ticket:');
  if (lines.length === 0) o.push('  none (no amount that maps to a limit was found)');
  for (const l of lines) {
    o.push(`  ${l.decision.summary}`);
    o.push(`      read as: ${l.action || '(no action)'} — ${l.actionReason}`);
    for (const r of l.decision.reasoning) o.push(`      · ${r}`);
    for (const q of l.decision.questions) o.push(`      ? ${q}`);
  }

  o.push('', 'Avoid rules that would fire:');
  if (!values.draft) o.push('  (no --draft given: only the suggested phrases were checked)');
  for (const f of draftFindings) o.push(`  draft: ${quote(f.text, 40)} [${f.ruleId}] ${f.why}${f.instead.length ? ` — instead: ${f.instead.map((x) => quote(x, 60)).join(' / ')}` : ''}`);
  for (const { phraseId, finding: f } of phraseFindings) o.push(`  phrase ${phraseId}: ${quote(f.text, 40)} [${f.ruleId}] ${f.why}`);
  if (values.draft && draftFindings.length === 0) o.push('  draft: none');
  if (phraseFindings.length === 0) o.push('  suggested phrases: none');
  out(o.join('\n'));
  return EXIT_OK;
}

// ---------------------------------------------------------------------------------------------
// check

const DATE_KINDS = ['delivery', 'order', 'purchase', 'contact'] as const;

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.replace(/[_,\s]/g, ''));
  if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number (got "${v}")`);
  return n;
}

export async function checkMain(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    pack: { type: 'string' },
    role: { type: 'string' },
    action: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    date: { type: 'string', multiple: true },
    today: { type: 'string' },
    segment: { type: 'string' },
    'order-value': { type: 'string' },
    'prior-uses': { type: 'string' },
    proof: { type: 'string' },
    confirm: { type: 'string', multiple: true },
    internal: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    out(CHECK_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`check: unexpected argument "${positionals[0]}"`);
  if (!values.role) throw new UsageError('check: --role ROLE is required');
  if (!values.action) throw new UsageError('check: --action ACTION is required');
  const amount = num(values.amount, '--amount');
  if (amount === undefined) throw new UsageError('check: --amount N is required');
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  if (values.today !== undefined && !isDate(values.today)) throw new UsageError('--today must look like 2026-03-31');
  let proof: boolean | undefined;
  if (values.proof !== undefined) {
    if (!/^(yes|no|true|false)$/i.test(values.proof)) throw new UsageError('--proof must be yes or no');
    proof = /^(yes|true)$/i.test(values.proof);
  }
  const pack = loadPack(values.pack);
  if (!pack) return EXIT_INVALID;

  const dates: DecideDates = {};
  for (const d of values.date ?? []) {
    const m = /^(?:(\w+)=)?(.+)$/.exec(d)!;
    const kind = m[1];
    const date = m[2]!;
    if (!isDate(date)) throw new UsageError(`--date: "${date}" must look like 2026-03-31`);
    if (kind !== undefined) {
      if (!(DATE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--date: unknown kind "${kind}" (use ${DATE_KINDS.join(', ')})`);
      dates[kind as keyof DecideDates] = date;
    } else {
      // Without a kind: the date each matching limit's window counts from.
      const a = values.action.toLowerCase();
      const limits = pack.limits.filter((l) => l.id === values.action || l.action === values.action || l.label.toLowerCase() === a);
      const kinds = [...new Set(limits.map((l) => l.window?.from).filter((k): k is NonNullable<typeof k> => k !== undefined))];
      if (kinds.length === 0) throw new UsageError(`--date: no limit for "${values.action}" has a time window; give the kind, e.g. --date delivery=${date}`);
      for (const k of kinds) dates[k] ??= date;
    }
  }

  const input: DecideInput = {
    pack,
    role: values.role,
    action: values.action,
    amount,
    currency: values.currency,
    segment: values.segment,
    orderValue: num(values['order-value'], '--order-value'),
    dates,
    today: values.today,
    priorUses: num(values['prior-uses'], '--prior-uses'),
    proofOfPurchase: proof,
    confirmations: values.confirm,
    audience: values.internal ? 'internal' : 'customer',
  };
  const d: Decision = decide(input);
  if (values.json) {
    out(JSON.stringify(d, null, 2));
    return EXIT_OK;
  }
  const o: string[] = [d.summary, '', `Outcome: ${d.outcome}`];
  if (d.approver) o.push(`Approver: ${d.approver.label} (${d.approver.role})`);
  if (d.how) o.push(`How to ask: ${d.how}`);
  if (d.evidence.length) o.push('Evidence:', ...d.evidence.map((e) => `  - ${e}`));
  if (d.questions.length) o.push('Questions first:', ...d.questions.map((q) => `  ? ${q}`));
  if (d.neverRule) o.push(`Never rule: ${d.neverRule.text}`);
  if (d.policy) o.push(`Policy: ${d.policy.title} — ${d.policy.summary}${d.policy.url ? ` (${d.policy.url})` : ''}`);
  o.push('', 'Why:', ...d.reasoning.map((r) => `  · ${r}`));
  if (d.cites.length) o.push('', `Pack rules used: ${d.cites.join(', ')}`);
  out(o.join('\n'));
  return EXIT_OK;
}
