/**
 * `npm run fuzz` — at least 100,000 malformed or adversarial packs through loader → validatePack →
 * buildIndex (see pack-fuzz.ts for what is generated and what counts as a failure).
 *
 *   npm run fuzz                      # 100,000 cases, random seed
 *   npm run fuzz -- --sample 5000     # a smaller sample (CI)
 *   npm run fuzz -- --seed 1234       # reproduce a run
 *
 * Prints a table per mutation kind and exits non-zero when an adversarial pack was accepted, anything
 * crashed, the validator mutated its input or Object.prototype was polluted.
 */
import { formatSummary, passed, runFuzz } from './pack-fuzz';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const sample = arg('sample');
const cases = sample !== undefined ? Number(sample) : Number(arg('cases') ?? 100_000);
const seedArg = arg('seed');
if (!Number.isInteger(cases) || cases <= 0) {
  console.error(`--sample/--cases must be a positive whole number (got ${sample ?? arg('cases')})`);
  process.exit(2);
}
const seed = seedArg !== undefined ? Number(seedArg) >>> 0 : undefined;

const tty = process.stderr.isTTY;
const summary = runFuzz({
  cases,
  seed,
  batch: 1_000,
  onProgress: (done, ms) => {
    if (tty) process.stderr.write(`\r${done}/${cases} cases, ${(ms / 1000).toFixed(1)} s`);
    else if (done % 20_000 === 0 || done === cases) process.stderr.write(`${done}/${cases} cases, ${(ms / 1000).toFixed(1)} s\n`);
  },
});
if (tty) process.stderr.write('\n');
console.log(formatSummary(summary));
if (!passed(summary)) {
  console.log(`\nFUZZ FAILED — reproduce with: npm run fuzz -- --cases ${cases} --seed ${summary.seed}`);
  process.exit(1);
}
console.log('\nfuzz passed');
