/** The era registry: every era by name, and the era a configuration selects. */
import type { Config } from '../config.js';
import type { Era } from './era.js';
import { kraft } from './kraft.js';
import type { EraName } from './names.js';

export const ERAS: Readonly<Record<EraName, Era>> = { kraft };

export function eraOf(config: Pick<Config, 'era'>): Era {
  return ERAS[config.era];
}
