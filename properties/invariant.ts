/**
 * What an invariant is: a named pure predicate over one state, with its English statement, its source,
 * when Kafka promises it, and the eras or configurations known to break it.
 */
import type { Config } from '../spec/config.js';
import type { RecoveryField, State } from '../spec/types.js';
import type { PromiseVerdict } from './promise.js';

/** Under which configurations Kafka promises an invariant. */
export type Promised =
  /** Always: a sanity property of any correct implementation (a violation is a model bug). */
  | 'always'
  /** Within Kafka's durability promise for the configuration and era (see promise.ts). */
  | 'durability';

export interface Invariant {
  readonly name: string;
  /** 'safety': what users care about; 'sanity': catches bugs in the model itself. */
  readonly kind: 'safety' | 'sanity';
  readonly statement: string;
  readonly source: string;
  readonly promised: Promised;
  /** Eras and configurations known to break it (documentation; the verdict table enforces them). */
  readonly brokenBy: readonly string[];
  /** Null when the invariant holds in `state`, else a message naming brokers, offsets and records. */
  readonly check: (state: State) => string | null;
  /** The recovery fields it reads: the explorer then keeps them in every state (model/explore/view.ts). */
  readonly reads?: readonly RecoveryField[];
  /**
   * For a durability invariant that is not about the data partition's writes: whether Kafka promises it
   * for `config` and the run that violated it. Without it, Kafka's durability promise for the data
   * partition decides (promise.ts).
   */
  readonly promise?: (config: Config, run: State) => PromiseVerdict;
}

export interface Witness {
  readonly name: string;
  readonly statement: string;
  /** Whether a configuration allows the event at all; a search of one that does must reach it. */
  readonly possible: (config: Config) => boolean;
  readonly reached: (state: State) => boolean;
}
