/** One section of `npm run bench` (tests/bench/sections/*.ts export `run(): Promise<BenchSection>`). */
export interface BenchSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
  /** Goals checked by this section; printed as met / NOT met. */
  goals?: Array<{ goal: string; met: boolean; detail: string }>;
}
