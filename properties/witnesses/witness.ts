/** A witness of one ghost event: reached once the event happened in the run. */
import type { Config } from '../../spec/config.js';
import type { WitnessEvents } from '../../spec/types.js';
import type { Witness } from '../invariant.js';
import { dataPartition } from '../../spec/cluster.js';

/** A fault or an operation that can take a broker out of leadership or the ISR is within the budgets. */
export function leaderCanChange(config: Config): boolean {
  const b = config.budgets;
  return config.replicationFactor > 1 && b.crashes + b.powerLosses + b.fences + b.shutdowns + b.diskLosses + b.reassignments > 0;
}

export function eventWitness(
  name: string,
  event: keyof WitnessEvents,
  statement: string,
  possible: (config: Config) => boolean,
): Witness {
  return { name, statement, possible, reached: (state) => dataPartition(state).ghost.events[event] };
}
