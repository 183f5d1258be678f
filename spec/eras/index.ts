/** The era registry: every era by name, and the era a configuration selects. */
import type { Config } from '../config.js';
import type { Era } from './era.js';
import { hwTruncation } from './hw-truncation.js';
import { kip101 } from './kip-101.js';
import { kip279 } from './kip-279.js';
import { kip320 } from './kip-320.js';
import { kip966 } from './kip-966.js';
import { kraft } from './kraft.js';
import type { EraName } from './names.js';

export const ERAS: Readonly<Record<EraName, Era>> = {
  'hw-truncation': hwTruncation,
  'kip-101': kip101,
  'kip-279': kip279,
  'kip-320': kip320,
  kraft,
  'kip-966': kip966,
};

export function eraOf(config: Pick<Config, 'era'>): Era {
  return ERAS[config.era];
}
