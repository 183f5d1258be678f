/**
 * The era registry: every era by name, and the rules a configuration runs under (its era, and the
 * switches on). Rules are resolved here, once per configuration, and handed to every rule, action and
 * seam: nothing below this layer imports an era.
 */
import type { Config } from '../config.js';
import { isConflict, resolveProducer, type ProducerSettings } from '../producer-settings.js';
import type { Era, Rules } from '../rules.js';
import { SWITCH_NAMES, SWITCHES, type SwitchName } from '../switches.js';
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

/** The switches on in this configuration: every check, the era's fixes, minus `withoutFixes`. */
export function activeSwitches(config: Config): ReadonlySet<SwitchName> {
  const era = eraOf(config);
  const removed = new Set<string>(config.withoutFixes);
  return new Set(SWITCH_NAMES.filter((name) => !removed.has(name) && (SWITCHES[name].kind === 'check' || era.fixes.includes(name))));
}

/** The producer's resolved settings; a config that passed validation has no conflict. */
function producerOf(config: Config): ProducerSettings {
  const resolved = resolveProducer(config);
  if (isConflict(resolved)) throw new Error(`${resolved.setting}: ${resolved.message}`);
  return resolved;
}

const resolved = new WeakMap<Config, Rules>();
let last: Rules | null = null;

/** The rules `config` runs under; resolved once per config object (a run uses one throughout). */
export function rulesOf(config: Config): Rules {
  if (last?.config === config) return last;
  let rules = resolved.get(config);
  if (rules === undefined) {
    rules = { config, era: eraOf(config), switches: activeSwitches(config), producer: producerOf(config) };
    resolved.set(config, rules);
  }
  last = rules;
  return rules;
}
