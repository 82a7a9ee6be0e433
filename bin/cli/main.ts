/** `tactline` command-line entry point. Returns the exit code: 0 ok, 1 invalid, 2 usage error. */

import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, err, out } from './io';
// Commands load their modules on demand, so `tactline pack …` does not load the ticket engine.

export const MAIN_HELP = `tactline — tools for Tactline guidance packs

Usage:
  tactline pack validate FILE…             Check packs; one line per problem ("FILE: /path: message")
  tactline pack build SRC [-o OUT.json]    YAML/JSON file or folder → one canonical JSON pack
  tactline pack keygen [-o PREFIX]         Create an Ed25519 signing key pair
  tactline pack sign FILE --key KEY        Sign a built pack (writes FILE.sig)
  tactline pack verify FILE --pub KEY      Verify a signed pack
  tactline pack diff OLD NEW               What changed (limits first)
  tactline pack schema [-o FILE]           JSON Schema for editors
  tactline analyze --pack PACK [--jsonl]   Tickets on stdin (one JSON per line) → signals per line
  tactline explain --pack PACK TICKET      What the extension would show for a ticket, and why
  tactline check --pack PACK --role ROLE --action ACTION --amount N
                                           May this role do this? (the empowerment decision)

Run "tactline <command> --help" for details.
Exit codes: 0 ok, 1 invalid pack / failed check, 2 usage error.
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
        out(MAIN_HELP);
        return EXIT_USAGE;
      case '--help':
      case '-h':
      case 'help':
        out(MAIN_HELP);
        return EXIT_OK;
      case '--version':
      case '-v':
        out('tactline-pack/1');
        return EXIT_OK;
      case 'pack':
        return await (await import('./pack')).packMain(rest);
      case 'analyze':
        return await (await import('./engine')).analyzeMain(rest);
      case 'explain':
        return await (await import('./engine')).explainMain(rest);
      case 'check':
        return await (await import('./engine')).checkMain(rest);
      default:
        throw new UsageError(`unknown command "${cmd}" (try "tactline --help")`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`tactline: ${e.message}`);
      return EXIT_USAGE;
    }
    err(`tactline: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_INVALID;
  }
}
