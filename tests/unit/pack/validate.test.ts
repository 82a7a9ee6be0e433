import { describe, expect, it } from 'vitest';
import { validatePack, PACK_CAPS, type PackProblem } from '../../../guidance/pack/validate';
import { minimalPack, richPack } from './fixtures';

function errorsOf(input: unknown): PackProblem[] {
  const r = validatePack(input);
  if (r.ok) return [];
  return r.errors;
}

describe('validatePack: valid packs', () => {
  it('accepts a minimal pack and fills every default', () => {
    const r = validatePack(minimalPack());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.pack).toEqual({
      format: 'tactline-pack/1',
      id: 'mini',
      name: 'Mini pack',
      version: 1,
      roles: [],
      segments: [],
      rates: [],
      intents: [{ id: 'refund', label: 'Refund request', examples: ['I would like my money back for the tent'], keywords: [] }],
      phrases: [],
      policies: [],
      limits: [],
      avoid: [],
      scenarios: [],
    });
  });

  it('accepts a pack that uses every part of the format, without warnings', () => {
    const r = validatePack(richPack());
    if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
    expect(r.warnings).toEqual([]);
    const p = r.pack;
    expect(p.phrases[1]).toMatchObject({ intents: [], emotions: [], channels: [], audience: 'internal' });
    expect(p.limits[1]).toMatchObject({ never: [], segments: [], audience: 'any' });
    expect(p.limits[0]!.approvals[1]).toEqual({ above: 200, approver: 'manager', evidence: [] });
    expect(p.avoid[0]).toMatchObject({ severity: 'warning', appliesTo: 'any', instead: ['I understand this is frustrating.'] });
    expect(p.avoid[1]!.instead).toEqual([]);
    expect(p.scenarios[0]!.intents).toEqual(['refund']);
    // Domains are normalised to lower case.
    expect(p.company!.internalDomains).toEqual(['example.com', 'staff.example.org']);
  });

  it('builds the result fresh: nothing is shared with the input', () => {
    const input = richPack();
    const r = validatePack(input);
    if (!r.ok) throw new Error('invalid');
    expect(r.pack).not.toBe(input);
    expect(r.pack.intents).not.toBe(input.intents);
    expect(r.pack.intents[0]).not.toBe(input.intents[0]);
    expect(r.pack.limits[0]!.maxByRole).not.toBe(input.limits[0].maxByRole);
    expect(r.pack.limits[0]!.approvals[0]!.evidence).not.toBe(input.limits[0].approvals[0].evidence);
    input.intents[0].examples.push('changed later');
    input.limits[0].maxByRole.agent = 99999;
    expect(r.pack.intents[0]!.examples).toHaveLength(2);
    expect(r.pack.limits[0]!.maxByRole.agent).toBe(50);
  });

  it('does not carry extra properties or prototypes from the input', () => {
    const input = JSON.parse(JSON.stringify(minimalPack()));
    Object.setPrototypeOf(input.intents[0], null);
    const r = validatePack(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.pack.intents[0])).toBe(Object.prototype);
  });

  it('never throws on hostile values', () => {
    const weird: unknown[] = [
      undefined, null, 0, -1, NaN, '', 'x', [], [1, 2], true, () => 1, new Date(), new Map(), Symbol('s'),
      { format: 'tactline-pack/1', intents: { length: 3 } },
      Object.create({ format: 'tactline-pack/1' }),
      new Proxy({}, { ownKeys: () => { throw new Error('boom'); } }),
    ];
    for (const w of weird) {
      const r = validatePack(w);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }
  });

  it('warns about suspicious but legal limits', () => {
    const p = richPack();
    p.limits[0].maxByRole = { agent: 50, lead: 40, manager: 1000 };
    p.limits[0].approvals = [{ above: 50, approver: 'lead' }, { above: 2500, approver: 'manager' }];
    const r = validatePack(p);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const w = r.warnings.map((x) => `${x.path}: ${x.message}`);
    expect(w.some((x) => x.startsWith('/limits/0/maxByRole/lead: is lower than the maximum of "agent"'))).toBe(true);
    expect(w.some((x) => x.startsWith('/limits/0/approvals/1/above: is at or above the never-rule threshold 2000'))).toBe(true);
  });

  it('warns when a limit currency has no rate to the pack currency', () => {
    const p = richPack();
    p.limits[0].unit = 'GBP';
    const r = validatePack(p);
    expect(r.ok && r.warnings.some((w) => w.path === '/limits/0/unit' && w.message.includes('no rate'))).toBe(true);
  });

  it('validates a 35,000-entry pack (speed is measured by npm run bench, not asserted here)', () => {
    const p: any = minimalPack();
    p.intents = Array.from({ length: 10_000 }, (_, i) => ({ id: `intent-${i}`, label: `Intent ${i}`, examples: [`example number ${i}`, `another phrasing ${i}`], keywords: [`k${i}`] }));
    p.phrases = Array.from({ length: 20_000 }, (_, i) => ({ id: `phrase-${i}`, text: `Thanks {{customer.firstName}}, phrase ${i}.`, kind: 'empathy', intents: [`intent-${i % 10_000}`] }));
    p.policies = Array.from({ length: 5_000 }, (_, i) => ({ id: `policy-${i}`, title: `Policy ${i}`, summary: 'Summary.', intents: [`intent-${i}`], url: `https://example.com/p/${i}` }));
    const r = validatePack(p);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pack.phrases).toHaveLength(20_000);
      expect(r.pack.intents[9_999]!.id).toBe('intent-9999');
    }
  });

  it('caps the number of problems it lists', () => {
    const p: any = minimalPack();
    p.intents = Array.from({ length: 5_000 }, (_, i) => ({ id: `i${i}`, label: '', examples: [] }));
    const errors = errorsOf(p);
    expect(errors.length).toBe(PACK_CAPS.maxProblems + 1);
    expect(errors.at(-1)!.message).toMatch(/more problems not listed/);
  });
});

type Case = [name: string, make: () => unknown, path: string, fragment: string];

const mutate = (fn: (p: any) => void) => () => {
  const p = richPack();
  fn(p);
  return p;
};

const broken: Case[] = [
  ['not an object', () => 'hello', '', 'must be a pack'],
  ['a list instead of a pack', () => [minimalPack()], '', 'must be a pack'],
  ['format missing', mutate((p) => delete p.format), '/format', 'is required: add format: "tactline-pack/1"'],
  ['format of a future version', mutate((p) => (p.format = 'tactline-pack/2')), '/format', 'must be "tactline-pack/1" (got "tactline-pack/2")'],
  ['unknown top-level key with a hint', mutate((p) => (p.limit = [])), '/limit', 'unknown field "limit": did you mean "limits"?'],
  ['unknown top-level key without a hint', mutate((p) => (p.zzzzzz = 1)), '/zzzzzz', 'the fields allowed in a pack are format, id'],
  ['__proto__ key at the top', () => JSON.parse('{"format":"tactline-pack/1","id":"a","name":"A","version":1,"intents":[],"__proto__":{"polluted":true}}'), '/__proto__', '"__proto__" is not allowed as a field name'],
  ['constructor key in an intent', mutate((p) => (p.intents[0].constructor = 'x')), '/intents/0/constructor', '"constructor" is not allowed as a field name'],
  ['prototype key in a band', mutate((p) => (p.limits[0].approvals[0].prototype = {})), '/limits/0/approvals/0/prototype', 'not allowed as a field name'],
  ['version in quotes', mutate((p) => (p.version = '7')), '/version', 'must be a whole number written without quotes or spaces (got "7")'],
  ['version zero', mutate((p) => (p.version = 0)), '/version', 'must be 1 or more (got 0)'],
  ['version with decimals', mutate((p) => (p.version = 1.5)), '/version', 'must be a whole number (got 1.5)'],
  ['pack id with a space', mutate((p) => (p.id = 'example outfitters')), '/id', 'no spaces'],
  ['reserved word as a role id', mutate((p) => (p.roles[0].id = 'constructor')), '/roles/0/id', 'reserved word'],
  ['blank name', mutate((p) => (p.name = '   ')), '/name', 'must not be empty'],
  ['name too long', mutate((p) => (p.name = 'x'.repeat(201))), '/name', 'is too long: 201 characters, at most 200'],
  ['label on two lines', mutate((p) => (p.intents[0].label = 'Refund\nrequest')), '/intents/0/label', 'must be a single line'],
  ['invisible bidi character', mutate((p) => (p.intents[0].label = 'Refund \u202Erequest')), '/intents/0/label', 'invisible control character (U+202E) at position 8'],
  ['intents missing', mutate((p) => delete p.intents), '/intents', 'is required: list what customers ask for'],
  ['intents as a single object', mutate((p) => (p.intents = p.intents[0])), '/intents', 'must be a list of entries'],
  ['too many intents', mutate((p) => (p.intents = Array.from({ length: 20_001 }, (_, i) => ({ id: `i${i}`, label: 'L', examples: ['e'] })))), '/intents', 'has 20001 entries; at most 20000 are allowed'],
  ['intent without examples', mutate((p) => (p.intents[1].examples = [])), '/intents/1/examples', 'must have at least 1 entry'],
  ['misspelt nested key', mutate((p) => { p.intents[1].exmaples = p.intents[1].examples; delete p.intents[1].examples; }), '/intents/1/exmaples', 'did you mean "examples"?'],
  ['example that is a number', mutate((p) => (p.intents[0].examples[1] = 42)), '/intents/0/examples/1', 'must be text (got 42; in YAML put it in quotes: "42")'],
  ['duplicate intent id', mutate((p) => (p.intents[1].id = 'refund')), '/intents/1/id', 'duplicate id "refund": already used by /intents/0'],
  ['duplicate role id', mutate((p) => (p.roles[2].id = 'lead')), '/roles/2/id', 'duplicate id "lead"'],
  ['phrase intent that does not exist', mutate((p) => (p.phrases[0].intents = ['where-is-ordr'])), '/phrases/0/intents/0', 'refers to intent "where-is-ordr", which is not defined in /intents; did you mean "where-is-order"?'],
  ['phrase intents as a string', mutate((p) => (p.phrases[0].intents = 'refund')), '/phrases/0/intents', 'write it as a list: ["refund"]'],
  ['phrase intent listed twice', mutate((p) => (p.phrases[0].intents = ['refund', 'refund'])), '/phrases/0/intents/1', '"refund" is listed twice'],
  ['phrase kind misspelt', mutate((p) => (p.phrases[0].kind = 'empathic')), '/phrases/0/kind', 'must be one of: empathy, acknowledgement'],
  ['unknown placeholder', mutate((p) => (p.phrases[0].text = 'Hi {{customer.first}}')), '/phrases/0/text', 'unknown placeholder {{customer.first}}; did you mean {{customer.firstName}}?'],
  ['unclosed placeholder', mutate((p) => (p.phrases[0].text = 'Hi {{customer.firstName')), '/phrases/0/text', 'not closed'],
  ['unknown emotion', mutate((p) => (p.phrases[0].emotions = ['sad'])), '/phrases/0/emotions/0', 'must be one of: angry, frustrated'],
  ['unknown channel', mutate((p) => (p.phrases[0].channels = ['fax'])), '/phrases/0/channels/0', 'must be one of: email'],
  ['internal note for customers', mutate((p) => (p.phrases[1].audience = 'customer')), '/phrases/1/audience', 'internal note, which customers never see'],
  ['javascript: url', mutate((p) => (p.policies[0].url = 'javascript:alert(1)')), '/policies/0/url', 'must be a web address starting with https:// or http://'],
  ['url with credentials', mutate((p) => (p.policies[0].url = 'https://ada:secret@help.example.com/')), '/policies/0/url', 'must not contain a user name or password'],
  ['date in the wrong format', mutate((p) => (p.policies[0].verifiedAt = '31/03/2026')), '/policies/0/verifiedAt', 'must be a date like 2026-03-31'],
  ['impossible date', mutate((p) => (p.policies[0].verifiedAt = '2026-02-30')), '/policies/0/verifiedAt', 'must be a date like'],
  ['policy expires before it was verified', mutate((p) => (p.policies[0].expiresAt = '2026-09-01')), '/policies/0/expiresAt', 'must be after verifiedAt (2026-10-01)'],
  ['pack expires before it is published', mutate((p) => (p.expiresAt = '2026-01-01')), '/expiresAt', 'must be after publishedAt'],
  ['empty optional value (YAML "owner:")', mutate((p) => (p.policies[0].owner = null)), '/policies/0/owner', 'is empty: give it a value or leave the field out'],
  ['limit policy that does not exist', mutate((p) => (p.limits[0].policy = 'refunds')), '/limits/0/policy', 'refers to policy "refunds", which is not defined in /policies'],
  ['maxByRole with an unknown role', mutate((p) => (p.limits[0].maxByRole.supervisor = 10)), '/limits/0/maxByRole/supervisor', 'refers to role "supervisor"'],
  ['maxByRole negative', mutate((p) => (p.limits[0].maxByRole.agent = -5)), '/limits/0/maxByRole/agent', 'must be 0 or more (got -5)'],
  ['maxByRole not a number (YAML .nan)', mutate((p) => (p.limits[0].maxByRole.agent = NaN)), '/limits/0/maxByRole/agent', 'must be a number (got not-a-number)'],
  ['absurd amount', mutate((p) => (p.limits[0].maxByRole.manager = 1e300)), '/limits/0/maxByRole/manager', 'must be at most 1000000000000'],
  ['maxByRole as a list', mutate((p) => (p.limits[0].maxByRole = [50, 200])), '/limits/0/maxByRole', 'must be a group of "role id: amount" pairs'],
  ['band amount that is text', mutate((p) => (p.limits[0].approvals[1].above = 'abc')), '/limits/0/approvals/1/above', 'must be a number (got "abc")'],
  ['bands out of order', mutate((p) => (p.limits[0].approvals = [{ above: 200, approver: 'lead' }, { above: 100, approver: 'manager' }])), '/limits/0/approvals/1/above', 'must be greater than the previous band\'s above (200)'],
  ['band below the maximum of a role who needs it', mutate((p) => (p.limits[0].approvals[0].above = 30)), '/limits/0/approvals/0/above', 'must be at least the maximum of role "agent" (50)'],
  ['band approver with less authority than the band below', mutate((p) => (p.limits[0].approvals = [{ above: 50, approver: 'manager' }, { above: 1000, approver: 'lead' }])), '/limits/0/approvals/1/approver', '"lead" comes before "manager" in /roles'],
  ['approver that is not a role', mutate((p) => (p.limits[0].approvals[1].approver = 'director')), '/limits/0/approvals/1/approver', 'refers to role "director", which is not defined in /roles'],
  ['unknown key in a band', mutate((p) => (p.limits[0].approvals[0].approverRole = 'lead')), '/limits/0/approvals/0/approverRole', 'unknown field "approverRole"'],
  ['never amount-above without a value', mutate((p) => delete p.limits[0].never[0].value), '/limits/0/never/0/value', 'is required when "when" is "amount-above"'],
  ['never value on a condition without threshold', mutate((p) => (p.limits[0].never[3].value = 5)), '/limits/0/never/3/value', 'is only used when "when" is "amount-above"'],
  ['outside-window without a window', mutate((p) => delete p.limits[0].window), '/limits/0/never/1/when', 'the limit has no window'],
  ['cap-exceeded without a cap', mutate((p) => delete p.limits[0].perPeriod), '/limits/0/never/2/when', 'the limit has no perPeriod cap'],
  ['duplicate never id', mutate((p) => (p.limits[0].never[1].id = 'max')), '/limits/0/never/1/id', 'duplicate id "max"'],
  ['percent above 100', mutate((p) => (p.limits[1].maxByRole.lead = 150)), '/limits/1/maxByRole/lead', 'must be at most 100 because the limit\'s unit is "percent"'],
  ['percentOf on a money limit', mutate((p) => (p.limits[0].percentOf = 'order')), '/limits/0/percentOf', 'only used when unit is "percent"'],
  ['count with decimals', mutate((p) => { p.limits[1].unit = 'count'; delete p.limits[1].percentOf; p.limits[1].maxByRole.agent = 2.5; }), '/limits/1/maxByRole/agent', 'must be a whole number because the limit\'s unit is "count"'],
  ['lower-case currency unit', mutate((p) => (p.limits[0].unit = 'eur')), '/limits/0/unit', '3-letter currency code in capitals (like EUR), "count" or "percent" (got "eur")'],
  ['window of zero days', mutate((p) => (p.limits[0].window.days = 0)), '/limits/0/window/days', 'must be 1 or more'],
  ['window from an unknown date', mutate((p) => (p.limits[0].window.from = 'shipping')), '/limits/0/window/from', 'must be one of: delivery, order, purchase, contact'],
  ['period cap approver unknown', mutate((p) => (p.limits[0].perPeriod.approver = 'boss')), '/limits/0/perPeriod/approver', 'refers to role "boss"'],
  ['limit segment unknown', mutate((p) => (p.limits[0].segments = ['gold'])), '/limits/0/segments/0', 'refers to segment "gold", which is not defined in /segments'],
  ['limit action unknown', mutate((p) => (p.limits[0].action = 'refnd')), '/limits/0/action', 'did you mean "refund"?'],
  ['scenario limit unknown', mutate((p) => (p.scenarios[0].limit = 'refund')), '/scenarios/0/limit', 'refers to limit "refund"'],
  ['scenario role unknown', mutate((p) => (p.scenarios[0].role = 'intern')), '/scenarios/0/role', 'refers to role "intern"'],
  ['scenario outcome unknown', mutate((p) => (p.scenarios[0].outcome = 'maybe')), '/scenarios/0/outcome', 'must be one of: allowed, needs-approval, not-allowed'],
  ['avoid pattern with * inside a word', mutate((p) => (p.avoid[0].pattern = 'refund*')), '/avoid/0/pattern', 'only as a whole word'],
  ['avoid pattern of wildcards only', mutate((p) => (p.avoid[0].pattern = '* *')), '/avoid/0/pattern', 'at least one real word'],
  ['avoid severity unknown', mutate((p) => (p.avoid[0].severity = 'error')), '/avoid/0/severity', 'must be one of: info, warning'],
  ['pack currency spelt out', mutate((p) => (p.currency = 'euro')), '/currency', 'must be a 3-letter currency code in capitals'],
  ['locale as a word', mutate((p) => (p.locale = 'english')), '/locale', 'must be a language code like "en"'],
  ['internal domain with @', mutate((p) => (p.company.internalDomains = ['@example.com'])), '/company/internalDomains/0', 'must be a domain name like example.com'],
  ['company without a name', mutate((p) => delete p.company.name), '/company/name', 'is required'],
  ['rate from and to equal', mutate((p) => (p.rates[0].to = 'USD')), '/rates/0/to', 'must differ from "from"'],
  ['rate of zero', mutate((p) => (p.rates[0].rate = 0)), '/rates/0/rate', 'must be greater than 0'],
  ['duplicate rate', mutate((p) => p.rates.push({ from: 'USD', to: 'EUR', rate: 0.95 })), '/rates/1', 'repeats the rate USD → EUR'],
  ['segment listed twice', mutate((p) => (p.segments = ['member', 'member'])), '/segments/1', 'is listed twice'],
  ['review interval of zero', mutate((p) => (p.reviewIntervalDays = 0)), '/reviewIntervalDays', 'must be 1 or more'],
];

describe('validatePack: broken packs name the right path', () => {
  it('has at least 30 distinct broken packs', () => {
    expect(broken.length).toBeGreaterThanOrEqual(30);
    expect(new Set(broken.map((c) => c[0])).size).toBe(broken.length);
  });

  it.each(broken)('%s', (_name, make, path, fragment) => {
    const errors = errorsOf(make());
    expect(errors.length, 'the pack should be invalid').toBeGreaterThan(0);
    const atPath = errors.filter((e) => e.path === path);
    expect(atPath.map((e) => e.message), `no error at ${path}; got:\n${errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`).not.toEqual([]);
    expect(atPath.some((e) => e.message.includes(fragment)), `messages at ${path}: ${atPath.map((e) => e.message).join(' | ')}`).toBe(true);
  });

  it('does not pollute Object.prototype', () => {
    validatePack(JSON.parse('{"__proto__":{"polluted":1},"intents":[{"__proto__":{"polluted":2}}]}'));
    expect(({} as any).polluted).toBeUndefined();
  });

  it('reports several problems at once, each once', () => {
    const p = richPack();
    p.version = 'x';
    p.intents[0].label = '';
    p.limits[0].approvals[0].above = 'abc';
    const errors = errorsOf(p);
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/version', '/intents/0/label', '/limits/0/approvals/0/above']));
    expect(new Set(errors.map((e) => `${e.path}|${e.message}`)).size).toBe(errors.length);
  });
});
