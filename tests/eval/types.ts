/** One section of `npm run eval`: a titled table (rows of the same keys) and optional notes. */
export interface EvalSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}
