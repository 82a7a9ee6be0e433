/** analyze / explain / check: placeholders until wired to the engine. */
import { UsageError } from './io';
export async function analyzeMain(_argv: string[]): Promise<number> { throw new UsageError('analyze: not available yet'); }
export async function explainMain(_argv: string[]): Promise<number> { throw new UsageError('explain: not available yet'); }
export async function checkMain(_argv: string[]): Promise<number> { throw new UsageError('check: not available yet'); }
