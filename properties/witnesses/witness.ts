/** A witness of one ghost event: reached once the event happened in the run. */
import type { Config } from '../../spec/config.js';
import type { WitnessEvents } from '../../spec/types.js';
import type { Witness } from '../invariant.js';

export function eventWitness(
  name: string,
  event: keyof WitnessEvents,
  statement: string,
  possible: (config: Config) => boolean,
): Witness {
  return { name, statement, possible, reached: (state) => state.ghost.events[event] };
}
