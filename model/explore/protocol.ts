/** The messages between the parallel explorer (parallel.ts) and its workers (explore-worker.ts). */
import type { Config } from '../../spec/config.js';
import type { ExpanderSetup, FrontierEntry, LevelOutcome, Limits } from './expander.js';

/** An expander's setup as plain data: invariants and witnesses by name, the table as its buffer. */
export interface ExploreWorkerSetup extends Pick<ExpanderSetup, 'symmetric' | 'reduce' | 'worker' | 'workers'> {
  readonly config: Config;
  readonly invariants: readonly string[];
  /** The invariants are searches for broken promises only (properties/judgement.ts). */
  readonly brokenOnly: boolean;
  /** Whether the view forgets what no step reads (model/explore/view.ts). */
  readonly forget: boolean;
  readonly witnesses: readonly string[];
  readonly table: SharedArrayBuffer;
  /** Int32 slots: [halt flag, queued per worker...]. */
  readonly stats: SharedArrayBuffer;
  readonly limits: Limits;
}

export const statsSlots = (workers: number): number => 1 + workers;

export type ExploreRequest =
  | { readonly type: 'root' }
  | { readonly type: 'expand' }
  | { readonly type: 'give'; readonly count: number }
  | { readonly type: 'take'; readonly entries: readonly FrontierEntry[] }
  | { readonly type: 'discovery'; readonly ref: number };

export interface LevelReport extends LevelOutcome {
  /** The frontier for the next level (or what is left of this one when stopped). */
  readonly queued: number;
  readonly transitions: number;
  readonly reached: readonly string[];
}

