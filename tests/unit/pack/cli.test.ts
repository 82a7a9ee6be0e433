import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCanonicalText } from '../../../guidance/pack/canonical';
import { validatePack } from '../../../guidance/pack/validate';
import { richPack } from './fixtures';

const ROOT = join(__dirname, '../../..');
const BIN = join(ROOT, 'bin/tactline.mjs');
const SAMPLES = join(ROOT, 'guidance/packs');
let dir: string;

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tactline-cli-'));
  writeFileSync(join(dir, 'rich.json'), JSON.stringify(richPack(), null, 2));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tactline CLI', { timeout: 180_000 }, () => {
  it('prints help and uses exit code 2 for usage errors', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tactline pack validate FILE');
    expect(run(['pack', 'validate', '--help']).stdout).toContain('one line per problem');
    const unknown = run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(run(['pack', 'validate', '--nope', 'x']).code).toBe(2);
    const missing = run(['pack', 'validate', 'missing.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.json: no such file or folder');
    expect(run(['pack', 'validate']).code).toBe(2);
  });

  it('validates the sample packs (exit 0)', () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(SAMPLES, f));
    const r = run(['pack', 'validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(files.length);
    for (const l of lines(r.stdout)) expect(l).toMatch(/: ok \(".+" version \d+, \d+ intents/);
  });

  it('prints exactly one "FILE: /path: message" line per problem and exits 1', () => {
    writeFileSync(
      join(dir, 'broken.yaml'),
      [
        'format: tactline-pack/1',
        'id: broken',
        'name: Broken pack',
        'version: 1',
        'roles:',
        '  - id: agent',
        '    label: Agent',
        '  - id: lead',
        '    label: Lead',
        'intents:',
        '  - id: refund',
        '    label: Refund',
        '    exmaples: [money back please]',
        'limits:',
        '  - id: refund',
        '    action: refund',
        '    label: Refund',
        '    unit: EUR',
        '    maxByRole: {agent: 50, lead: 200}',
        '    approvals:',
        '      - above: abc',
        '        approver: lead',
        '',
      ].join('\n'),
    );
    const r = run(['pack', 'validate', 'broken.yaml', 'rich.json']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out).toEqual([
      'broken.yaml: /intents/0/exmaples: unknown field "exmaples": did you mean "examples"? (line 13)',
      'broken.yaml: /intents/0/examples: is required: customer phrasings in their own words; at least one (line 11)',
      'broken.yaml: /limits/0/approvals/0/above: must be a number (got "abc") (line 21)',
      'rich.json: ok ("example-outfitters" version 7, 2 intents, 2 phrases, 1 policy, 2 limits, 2 avoid rules, 1 scenario, 3 roles)',
    ]);
    const quiet = run(['pack', 'validate', '--quiet', 'rich.json']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
  });

  it('reports unreadable files as one problem line', () => {
    writeFileSync(join(dir, 'syntax.json'), '{"format": "tactline-pack/1",}');
    const r = run(['pack', 'validate', 'syntax.json']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toEqual(['syntax.json: /: not valid JSON at line 1, column 30: trailing comma before }']);
  });

  it('builds a folder of YAML files into one canonical pack, and maps problems to the source file', () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'limits'), { recursive: true });
    writeFileSync(join(src, '00-pack.yaml'), 'format: tactline-pack/1\nid: folder-pack\nname: Folder pack\nversion: 3\ncurrency: EUR\nroles:\n  - {id: agent, label: Agent}\n  - {id: lead, label: Team lead}\n');
    writeFileSync(join(src, '10-intents.yml'), 'intents:\n  - id: refund\n    label: Refund\n    examples: [I want my money back]\n');
    writeFileSync(join(src, '20-more-intents.json'), JSON.stringify({ intents: [{ id: 'late', label: 'Late parcel', examples: ['my parcel is late'] }] }));
    writeFileSync(join(src, 'limits', 'refund.yaml'), 'limits:\n  - id: refund\n    action: refund\n    label: Refund\n    unit: EUR\n    maxByRole: {agent: 50, lead: 200}\n    approvals: [{above: 200, approver: lead}]\n');
    writeFileSync(join(src, '.hidden.yaml'), 'this: is ignored');
    writeFileSync(join(src, 'notes.txt'), 'not a pack file');
    const r = run(['pack', 'build', 'src', '-o', 'out/pack.json']);
    expect(r.stderr).toContain('out/pack.json: wrote "folder-pack" version 3');
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'out/pack.json'), 'utf8');
    expect(isCanonicalText(text)).toBe(true);
    const v = validatePack(JSON.parse(text));
    if (!v.ok) throw new Error('built pack invalid');
    expect(v.pack.intents.map((i) => i.id)).toEqual(['refund', 'late']);
    expect(v.pack.limits[0]!.maxByRole).toEqual({ agent: 50, lead: 200 });
    // Building is deterministic.
    expect(run(['pack', 'build', 'src']).stdout).toBe(text);

    // A problem in the third intent file, and a conflicting single field, are reported where they are.
    writeFileSync(join(src, '30-bad.yaml'), 'name: Another name\nintents:\n  - id: refund\n    label: Refund again\n    examples: [x]\n');
    const bad = run(['pack', 'build', 'src', '-o', 'out/bad.json']);
    expect(bad.code).toBe(1);
    expect(lines(bad.stdout)).toEqual([
      `${join('src', '30-bad.yaml')}: /name: is already set to "Folder pack" in ${join('src', '00-pack.yaml')}: set it in one file only (line 1)`,
      `${join('src', '30-bad.yaml')}: /intents/0/id: duplicate id "refund": already used by /intents/0 (line 3)`,
    ]);
    expect(() => statSync(join(dir, 'out/bad.json'))).toThrow();
  });

  it('keygen → sign → verify round-trips; tampering, another key or a non-canonical file fail', () => {
    expect(run(['pack', 'build', 'rich.json', '-o', 'signed.json']).code).toBe(0);
    const kg = run(['pack', 'keygen', '-o', 'keys/ci']);
    expect(kg.code).toBe(0);
    expect(kg.stdout).toMatch(/key id: [0-9a-f]{16}/);
    expect(statSync(join(dir, 'keys/ci.key')).mode & 0o077).toBe(0);
    expect(run(['pack', 'keygen', '-o', 'keys/ci']).code).toBe(2); // refuses to overwrite
    expect(run(['pack', 'keygen', '-o', 'keys/other']).code).toBe(0);

    const sign = run(['pack', 'sign', 'signed.json', '--key', 'keys/ci.key']);
    expect(sign.code).toBe(0);
    const sig = JSON.parse(readFileSync(join(dir, 'signed.json.sig'), 'utf8'));
    expect(sig).toMatchObject({ format: 'tactline-sig/1', alg: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });

    const ok = run(['pack', 'verify', 'signed.json', '--pub', 'keys/ci.pub']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('signature ok');
    // The base64 key itself works too.
    expect(run(['pack', 'verify', 'signed.json', '--pub', readFileSync(join(dir, 'keys/ci.pub'), 'utf8').trim()]).code).toBe(0);

    const wrongKey = run(['pack', 'verify', 'signed.json', '--pub', 'keys/other.pub']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain('was signed with key');

    const bytes = readFileSync(join(dir, 'signed.json'));
    const tampered = Buffer.from(bytes);
    tampered[Math.floor(tampered.length / 2)] = tampered[Math.floor(tampered.length / 2)]! ^ 0x01;
    writeFileSync(join(dir, 'tampered.json'), tampered);
    writeFileSync(join(dir, 'tampered.json.sig'), readFileSync(join(dir, 'signed.json.sig')));
    const bad = run(['pack', 'verify', 'tampered.json', '--pub', 'keys/ci.pub']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('does NOT match');

    const flipped = JSON.parse(readFileSync(join(dir, 'signed.json.sig'), 'utf8'));
    const s = Buffer.from(flipped.signature, 'base64');
    s[0] = s[0]! ^ 0x01;
    flipped.signature = s.toString('base64');
    writeFileSync(join(dir, 'flipped.sig'), JSON.stringify(flipped));
    expect(run(['pack', 'verify', 'signed.json', '--pub', 'keys/ci.pub', '--sig', 'flipped.sig']).code).toBe(1);

    const notCanonical = run(['pack', 'sign', 'rich.json', '--key', 'keys/ci.key']);
    expect(notCanonical.code).toBe(1);
    expect(notCanonical.stdout).toContain('is not in canonical form');
    expect(run(['pack', 'sign', 'signed.json']).code).toBe(2); // --key missing
  });

  it('diffs two versions, limits first', () => {
    const next = richPack();
    next.version = 8;
    next.limits[0].maxByRole.agent = 75;
    next.limits[0].approvals[0].above = 75;
    next.policies[0].summary = 'Refunds within 45 days of delivery.';
    writeFileSync(join(dir, 'next.json'), JSON.stringify(next));
    const r = run(['pack', 'diff', 'rich.json', 'next.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Pack "example-outfitters": version 7 → 8',
        '',
        'Limits: 1 changed',
        '  ~ refund-no-return  "Refund without return"',
        '      maxByRole.agent: 50 → 75',
        '      approvals[0].above: 50 → 75',
        '',
        'Policies: 1 changed',
        '  ~ refund-policy  "Refunds"',
        '      summary: "Refunds within 30 days of delivery." → "Refunds within 45 days of delivery."',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(run(['pack', 'diff', 'rich.json', 'next.json', '--json']).stdout);
    expect(json.sections[0].section).toBe('limits');
    expect(run(['pack', 'diff', 'rich.json', 'broken.yaml']).code).toBe(1);
  });

  it('prints the JSON Schema that is in docs/', () => {
    const r = run(['pack', 'schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/pack.schema.json'), 'utf8'));
  });

  it('analyze --jsonl writes exactly one line per input line, in order, with the documented fields', () => {
    const words = ['refund', 'broken', 'late', 'parcel', 'invoice', 'charged twice', 'thanks', 'angry', 'where is', 'cancel'];
    const input: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const w = words[i % words.length]!;
      input.push(
        i % 7 === 3
          ? JSON.stringify({ platform: 'demo', ticketId: `T-${i}`, subject: `About my ${w}`, messages: [{ role: 'customer', text: `Hello, ${w} for order ${10000 + i}, I paid EUR ${i % 300}.` }], latestCustomerMessage: `Hello, ${w} for order ${10000 + i}, I paid EUR ${i % 300}.`, requester: {}, tags: [], replyMode: 'public' })
          : JSON.stringify({ id: `t${i}`, text: `Ticket ${i}: ${w}, it arrived on 3 March and I want ${i % 200} EUR back.` }),
      );
    }
    const r = run(['analyze', '--pack', join(SAMPLES, 'outdoor-retailer.json'), '--jsonl'], input.join('\n') + '\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out).toHaveLength(3000);
    out.forEach((o, i) => {
      expect(o.id).toBe(i % 7 === 3 ? `T-${i}` : `t${i}`);
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['id', 'intents', 'emotion', 'sentiment', 'amounts', 'dates', 'suggestions']));
      expect(['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful', 'neutral']).toContain(o.emotion.label);
      expect(['negative', 'neutral', 'positive']).toContain(o.sentiment.label);
      for (let k = 1; k < o.intents.length; k++) expect(o.intents[k - 1].score).toBeGreaterThanOrEqual(o.intents[k].score);
    });
    expect(out[1].amounts[0]).toMatchObject({ value: 1, currency: 'EUR', text: expect.any(String), start: expect.any(Number), end: expect.any(Number) });
    expect(out.filter((o) => o.intents.length > 0).length).toBeGreaterThan(1000);
  });

  it('analyze --jsonl keeps one line per input even for unreadable lines, and exits 1', () => {
    const r = run(['analyze', '--pack', join(SAMPLES, 'outdoor-retailer.json'), '--jsonl'], '{"id":"a","text":"refund please"}\nnot json\n\n{"id":"b"}\n{"id":"c","text":"thanks"}\n');
    expect(r.code).toBe(1);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, null, null, 'c']);
    expect(out[1]).toEqual({ id: null, line: 2, error: 'not valid JSON' });
    expect(out[2]).toEqual({ id: null, line: 3, error: 'empty line' });
    expect(out[3].error).toContain('"text"');
    expect(r.stderr).toContain('3 of 5 lines could not be analysed');
  });

  it('explain shows signals, suggestions, limits and avoid rules, as text and JSON', () => {
    const ticket = 'Hi, the stove I bought broke after a week. I want 60 EUR back for order 55123. Delivered on 10 November.';
    writeFileSync(join(dir, 'ticket.txt'), ticket);
    const r = run(['explain', '--pack', 'rich.json', 'ticket.txt', '--draft', 'Please calm down, there are no more refunds.', '--reference-date', '2026-11-20', '--today', '2026-11-20']);
    expect(r.code).toBe(0);
    for (const heading of ['Intents (best first):', 'Mood:', 'Suggestions for Agent:', 'Limits that apply to amounts in the ticket:', 'Avoid rules that would fire:']) {
      expect(r.stdout).toContain(heading);
    }
    expect(r.stdout).toMatch(/Refund request \[refund\] \d+%/);
    expect(r.stdout).toContain('draft: "calm down" [calm-down]');
    const j = JSON.parse(run(['explain', '--pack', 'rich.json', ticket, '--json']).stdout);
    expect(j.signals.intents[0].id).toBe('refund');
    expect(Array.isArray(j.decisions)).toBe(true);
    expect(j.role).toBe('agent');
    expect(run(['explain', '--pack', 'rich.json']).code).toBe(2);
  });

  it('check gives the empowerment decision as text and JSON', () => {
    const args = ['check', '--pack', 'rich.json', '--role', 'agent', '--action', 'refund', '--amount', '60', '--currency', 'EUR', '--segment', 'member', '--date', '2026-11-10', '--today', '2026-11-20', '--prior-uses', '0', '--proof', 'yes'];
    const j = run([...args, '--json']);
    expect(j.code).toBe(0);
    const d = JSON.parse(j.stdout);
    expect(d.outcome).toBe('needs-approval');
    expect(d.approver.role).toBe('lead');
    expect(d.cites).toContain('/limits/0/approvals/0');
    const t = run(args);
    expect(t.code).toBe(0);
    expect(lines(t.stdout)[0]).toBe(d.summary);
    expect(t.stdout).toContain('Outcome: needs-approval');
    const within = JSON.parse(run(['check', '--pack', 'rich.json', '--role', 'lead', '--action', 'refund', '--amount', '60', '--segment', 'member', '--date', 'delivery=2026-11-10', '--today', '2026-11-20', '--prior-uses', '0', '--proof', 'yes', '--json']).stdout);
    expect(within.outcome).toBe('allowed');
    expect(run(['check', '--pack', 'rich.json', '--role', 'agent', '--action', 'refund']).code).toBe(2);
    expect(run(['check', '--pack', 'rich.json', '--role', 'agent', '--action', 'refund', '--amount', 'lots']).code).toBe(2);
    expect(run(['check', '--pack', 'broken.yaml', '--role', 'agent', '--action', 'refund', '--amount', '5']).code).toBe(1);
  });
});
