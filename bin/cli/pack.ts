/** `tactline pack …`: validate, build, keygen, sign, verify, diff, schema. */

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { canonicalJson, isCanonicalText, sha256Hex } from '../../guidance/pack/canonical';
import { diffPacks, formatPackDiff } from '../../guidance/pack/diff';
import { parsePackText, PackLoadError } from '../../guidance/pack/load';
import {
  base64Decode, base64Encode, formatSignatureFile, keyIdOf, parseSignatureFile, verifyPackSignature,
} from '../../guidance/pack/signature';
import { validatePack } from '../../guidance/pack/validate';
import type { Pack } from '../../guidance/pack/types';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, err, out, parse, writeFileAtomic } from './io';
import { formatProblem, loadAndValidate, type CheckedSource } from './sources';
import { packJsonSchema } from './schema';

export const PACK_HELP = `Usage: tactline pack <command> [options]

Commands:
  validate FILE…              Check packs (files or folders); one line per problem
  build SRC [-o OUT.json]     Merge a YAML/JSON file or folder into one canonical JSON pack
  keygen [-o PREFIX]          Create an Ed25519 signing key pair (PREFIX.key, PREFIX.pub)
  sign FILE --key KEY         Sign a built pack; writes FILE.sig
  verify FILE --pub KEY       Check a pack's signature (and that the pack is valid)
  diff OLD NEW                What changed between two versions (limits first)
  schema [-o FILE]            Print the JSON Schema for editors (docs/pack.schema.json)

Run "tactline pack <command> --help" for details. Exit codes: 0 ok, 1 invalid, 2 usage error.
`;

const HELP: Record<string, string> = {
  validate: `Usage: tactline pack validate FILE… [--quiet]

Checks each pack (a JSON or YAML file, or a folder of them merged as by "build").
Prints one line per problem, "FILE: /json/pointer: message", and exits 1 when any pack is invalid.
Warnings (suspicious but allowed) go to stderr as "FILE: /pointer: warning: message".
A valid pack prints "FILE: ok …" unless --quiet.
`,
  build: `Usage: tactline pack build SRC [-o OUT.json]

Reads SRC (a JSON/YAML file, or a folder: every .json/.yaml/.yml file inside, sorted by path,
merged: lists such as intents and limits are concatenated, single fields may be set in one file only),
validates it and writes the pack in canonical form (sorted keys, fixed indentation, defaults filled)
to OUT.json, or to stdout without -o. Nothing is written when the pack is invalid (exit 1).
`,
  keygen: `Usage: tactline pack keygen [-o PREFIX] [--force]

Creates an Ed25519 key pair: PREFIX.key (private, PKCS#8 PEM, readable only by you — keep it secret,
e.g. in your CI secret store) and PREFIX.pub (the raw 32-byte public key in base64, to give to
the extension). PREFIX defaults to "tactline-signing". Existing files are kept unless --force.
`,
  sign: `Usage: tactline pack sign FILE --key KEY [-o SIG]

Signs the exact bytes of FILE, which must be a valid pack in canonical form (the output of
"tactline pack build"). Writes the detached signature to SIG (default FILE.sig).
`,
  verify: `Usage: tactline pack verify FILE --pub KEY [--sig SIG]

Checks that SIG (default FILE.sig) is a valid Ed25519 signature of FILE by the public key KEY
(a .pub file, a PEM public key, or the base64 key itself), then validates the pack.
Exit 0 when both hold, 1 otherwise.
`,
  diff: `Usage: tactline pack diff OLD NEW [--json]

Compares two packs (files or folders): entries added, removed and changed per kind, limits first,
with field-level changes ("maxByRole.agent: 100 → 150"). --json prints the diff as JSON.
Exit 0 when both packs are valid (whether or not they differ), 1 when one is invalid.
`,
  schema: `Usage: tactline pack schema [-o FILE]

Prints the JSON Schema (draft 2020-12) of the pack format, generated from the validator's field table.
`,
};

function help(cmd: string): number {
  out(HELP[cmd] ?? PACK_HELP);
  return EXIT_OK;
}

function reportChecked(c: CheckedSource, quiet = false): boolean {
  for (const w of c.warnings) {
    err(formatProblem({ ...w, message: `warning: ${w.message}` }));
  }
  if (c.errors.length > 0) {
    for (const e of c.errors) out(formatProblem(e));
    return false;
  }
  if (!quiet) out(`${c.source.display}: ok (${summary(c.pack!)})`);
  return true;
}

export function summary(p: Pack): string {
  const n = (count: number, one: string, many = one + 's') => `${count} ${count === 1 ? one : many}`;
  return [
    `"${p.id}" version ${p.version}`,
    n(p.intents.length, 'intent'),
    n(p.phrases.length, 'phrase'),
    n(p.policies.length, 'policy', 'policies'),
    n(p.limits.length, 'limit'),
    n(p.avoid.length, 'avoid rule'),
    n(p.scenarios.length, 'scenario'),
    n(p.roles.length, 'role'),
  ].join(', ');
}

function validateCmd(argv: string[]): number {
  const { values, positionals } = parse(argv, { quiet: { type: 'boolean', short: 'q' } });
  if (values.help) return help('validate');
  if (positionals.length === 0) throw new UsageError('pack validate: give at least one FILE');
  let ok = true;
  for (const file of positionals) {
    if (!reportChecked(loadAndValidate(file), values.quiet)) ok = false;
  }
  return ok ? EXIT_OK : EXIT_INVALID;
}

function buildCmd(argv: string[]): number {
  const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } });
  if (values.help) return help('build');
  if (positionals.length !== 1) throw new UsageError('pack build: give exactly one SRC (a file or a folder)');
  const checked = loadAndValidate(positionals[0]!);
  if (!reportChecked(checked, true)) return EXIT_INVALID;
  const text = canonicalJson(checked.pack!);
  const target = values.output;
  if (target === undefined || target === '-') {
    process.stdout.write(text);
  } else {
    writeFileAtomic(target, text);
    err(`${target}: wrote ${summary(checked.pack!)} (${Buffer.byteLength(text)} bytes)`);
  }
  return EXIT_OK;
}

async function keygenCmd(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } });
  if (values.help) return help('keygen');
  if (positionals.length > 0) throw new UsageError(`pack keygen: unexpected argument "${positionals[0]}" (use -o PREFIX)`);
  const prefix = values.output ?? 'tactline-signing';
  const keyFile = `${prefix}.key`;
  const pubFile = `${prefix}.pub`;
  if (!values.force) {
    for (const f of [keyFile, pubFile]) if (existsSync(f)) throw new UsageError(`${f} already exists (use --force to replace it)`);
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = base64Encode(rawPublicKey(publicKey));
  writeFileAtomic(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
  writeFileAtomic(pubFile, pub + '\n');
  const id = await keyIdOf(pub);
  out(`${keyFile}: private key (keep it secret)\n${pubFile}: public key ${pub}\nkey id: ${id}`);
  return EXIT_OK;
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

function readPrivateKey(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the key file`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new UsageError(`${file}: not a private key in PEM format (create one with "tactline pack keygen")`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file}: not an Ed25519 key (got ${key.asymmetricKeyType})`);
  return key;
}

/** A public key given as a .pub file (base64), a PEM file, or the base64 text itself → base64 raw key. */
function readPublicKey(arg: string): string {
  let text = arg;
  if (existsSync(arg) && statSync(arg).isFile()) text = readFileSync(arg, 'utf8');
  if (text.includes('-----BEGIN')) {
    try {
      const key = createPublicKey(text);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      return base64Encode(rawPublicKey(key));
    } catch {
      throw new UsageError(`${arg}: not an Ed25519 public key`);
    }
  }
  const raw = base64Decode(text);
  if (!raw || raw.length !== 32) {
    throw new UsageError(`${arg}: not an Ed25519 public key (expected a .pub file or 32 bytes in base64)`);
  }
  return base64Encode(raw);
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
}

async function signCmd(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { key: { type: 'string', short: 'k' }, output: { type: 'string', short: 'o' } });
  if (values.help) return help('sign');
  if (positionals.length !== 1) throw new UsageError('pack sign: give exactly one FILE');
  if (!values.key) throw new UsageError('pack sign: --key KEY is required (the private key from "tactline pack keygen")');
  const file = positionals[0]!;
  const bytes = readBytes(file);
  const key = readPrivateKey(values.key);
  const text = bytes.toString('utf8');
  const parsed = validateText(file, text);
  if (!parsed) return EXIT_INVALID;
  if (!isCanonicalText(text)) {
    out(`${file}: /: is not in canonical form, so its bytes cannot be signed as they are; run "tactline pack build ${file} -o ${file}" first`);
    return EXIT_INVALID;
  }
  const signature = nodeSign(null, bytes, key).toString('base64');
  const pub = base64Encode(rawPublicKey(createPublicKey(key)));
  const keyId = await keyIdOf(pub);
  const sigFile = values.output ?? `${file}.sig`;
  writeFileAtomic(sigFile, formatSignatureFile(keyId, signature));
  err(`${sigFile}: signed "${parsed.id}" version ${parsed.version} with key ${keyId} (sha256 ${await sha256Hex(bytes)})`);
  return EXIT_OK;
}

/** Parse + validate text; prints problems and returns undefined when invalid. */
function validateText(file: string, text: string): Pack | undefined {
  let value: unknown;
  try {
    value = parsePackText(text, file);
  } catch (e) {
    if (!(e instanceof PackLoadError)) throw e;
    out(`${file}: /: ${e.message}`);
    return undefined;
  }
  const r = validatePack(value);
  if (!r.ok) {
    for (const e of r.errors) out(formatProblem({ file, path: e.path, message: e.message }));
    return undefined;
  }
  return r.pack;
}

async function verifyCmd(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { pub: { type: 'string', short: 'p' }, sig: { type: 'string', short: 's' } });
  if (values.help) return help('verify');
  if (positionals.length !== 1) throw new UsageError('pack verify: give exactly one FILE');
  if (!values.pub) throw new UsageError('pack verify: --pub KEY is required (the .pub file or the base64 public key)');
  const file = positionals[0]!;
  const bytes = readBytes(file);
  const sigFile = values.sig ?? `${file}.sig`;
  let sigText: string;
  try {
    sigText = readFileSync(sigFile, 'utf8');
  } catch {
    out(`${file}: /: no signature file ${sigFile} (sign with "tactline pack sign", or give --sig)`);
    return EXIT_INVALID;
  }
  const pub = readPublicKey(values.pub);
  const keyId = await keyIdOf(pub);
  const sig = parseSignatureFile(sigText);
  if (!sig.ok) {
    out(`${sigFile}: /: ${sig.message}`);
    return EXIT_INVALID;
  }
  if (sig.sig.keyId !== keyId) {
    out(`${file}: /: was signed with key ${sig.sig.keyId}, not with the given key ${keyId}`);
    return EXIT_INVALID;
  }
  if (!(await verifyPackSignature(new Uint8Array(bytes), sig.sig.signature, pub))) {
    out(`${file}: /: the signature does NOT match: the file or ${sigFile} was changed after signing`);
    return EXIT_INVALID;
  }
  const pack = validateText(file, bytes.toString('utf8'));
  if (!pack) return EXIT_INVALID;
  out(`${file}: signature ok (key ${keyId}); ${summary(pack)}`);
  return EXIT_OK;
}

function diffCmd(argv: string[]): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (values.help) return help('diff');
  if (positionals.length !== 2) throw new UsageError('pack diff: give OLD and NEW');
  const a = loadAndValidate(positionals[0]!);
  const b = loadAndValidate(positionals[1]!);
  const okA = reportChecked(a, true);
  const okB = reportChecked(b, true);
  if (!okA || !okB) return EXIT_INVALID;
  const d = diffPacks(a.pack!, b.pack!);
  if (values.json) out(JSON.stringify(d, null, 2));
  else process.stdout.write(formatPackDiff(d));
  return EXIT_OK;
}

function schemaCmd(argv: string[]): number {
  const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } });
  if (values.help) return help('schema');
  if (positionals.length > 0) throw new UsageError(`pack schema: unexpected argument "${positionals[0]}"`);
  const text = canonicalJson(packJsonSchema());
  if (values.output) writeFileAtomic(values.output, text);
  else process.stdout.write(text);
  return EXIT_OK;
}

export async function packMain(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      out(PACK_HELP);
      return cmd === undefined ? EXIT_USAGE : EXIT_OK;
    case 'validate':
      return validateCmd(rest);
    case 'build':
      return buildCmd(rest);
    case 'keygen':
      return await keygenCmd(rest);
    case 'sign':
      return await signCmd(rest);
    case 'verify':
      return await verifyCmd(rest);
    case 'diff':
      return diffCmd(rest);
    case 'schema':
      return schemaCmd(rest);
    default:
      throw new UsageError(`unknown command "pack ${cmd}" (try "tactline pack --help")`);
  }
}
