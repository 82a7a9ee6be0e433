/** The three shipped sample packs, loaded through the real validator (shared by the limit tests). */
import { validatePack } from '../../../guidance/pack/validate';
import type { Pack } from '../../../guidance/pack/types';
import retailerJson from '../../../guidance/packs/outdoor-retailer.json';
import saasJson from '../../../guidance/packs/saas-subscription.json';
import itJson from '../../../guidance/packs/it-service-desk.json';

function load(json: unknown): Pack {
  const r = validatePack(json);
  if (!r.ok) throw new Error(`sample pack invalid: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.pack;
}

export const samplePacks = { retailer: load(retailerJson), saas: load(saasJson), it: load(itJson) };
