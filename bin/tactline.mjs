#!/usr/bin/env node
/* global process */
// `tactline`: command-line tools for guidance-pack admins (validate, build, sign, verify, diff, analyze…).
// The commands are written in TypeScript (bin/cli/) and run through tsx, which ships with the repo.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.json') });
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
