/**
 * What an invariant is: a named pure predicate over one state, with its English statement, its source,
 * when Kafka promises it, and the eras or configurations known to break it.
 */
import type { Config } from '../spec/config.js';
import type { ForgettableField, PartitionName, State } from '../spec/types.js';
import type { Judgement } from './judgement.js';

/** Under which configurations Kafka promises an invariant. */
export type Promised =
  /** Always: a sanity property of any correct implementation (a violation is a model bug). */
  | 'always'
  /** For committed records, judged record by record from the run (see judgement.ts). */
  | 'durability'
  /** Under the producer's delivery settings: judged by what the run's producer sent (`judge`). */
  | 'delivery';

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
  /** What it reads that the explorer's view may leave out: the view then keeps it in every state (model/explore/view.ts). */
  readonly reads?: readonly ForgettableField[];
  /** For a durability invariant: the partition whose records it is about (the data partition if absent). */
  readonly partition?: PartitionName;
  /**
   * For a durability invariant: why its violation in `state` is Kafka working as designed rather than a
   * lost record (retention, `auto.offset.reset=latest`), or null; the judgement then asks of each
   * missing record why it is gone (judgement.ts).
   */
  readonly byDesign?: (state: State) => string | null;
  /**
   * Its violation in `state`, judged its own way: for a delivery invariant by what the producer sent and
   * its settings; for a durability invariant not about the leader's records (strong-isr) by its gap.
   */
  readonly judge?: (config: Config, state: State) => Judgement;
  /** Set on a search for broken promises only (judgement.ts `brokenOnly`): worker threads rebuild it by name and this flag. */
  readonly brokenOnly?: true;
}

export interface Witness {
  readonly name: string;
  readonly statement: string;
  /** Whether a configuration allows the event at all; a search of one that does must reach it. */
  readonly possible: (config: Config) => boolean;
  readonly reached: (state: State) => boolean;
}
