/**
 * Kafka's durability promise, per era (DESIGN.md section 3): acks=all, an effective
 * min.insync.replicas of at least 2, unclean leader election off, and no more unclean shutdowns than
 * the era tolerates. Inside it, a violation of a durability invariant is a broken promise (a bug in that
 * era of Kafka, or in the model); outside it, loss allowed by the configuration.
 */
import { layoutOf, type Config, type PartitionLayout } from '../spec/config.js';
import { rulesOf } from '../spec/eras/index.js';
import type { EraName } from '../spec/eras/names.js';
import { effectiveMinIsr } from '../spec/isr.js';
import type { PartitionName, State } from '../spec/types.js';

/**
 * How many unclean shutdowns each era tolerates (rule 22). Before KIP-966 a single power loss of the
 * last ISR member can lose acknowledged records ("last replica standing"), so the promise covers no
 * power loss with a lazy flush (process crashes keep the page cache). KIP-966 tolerates fewer than
 * min.insync.replicas unclean shutdowns, crashes and power losses together, since the ISR last held
 * min.insync.replicas members.
 */
export const UNCLEAN_SHUTDOWN_TOLERANCE: Readonly<Record<EraName, 'no-power-loss' | 'below-min-isr'>> = {
  'hw-truncation': 'no-power-loss',
  'kip-101': 'no-power-loss',
  'kip-279': 'no-power-loss',
  'kip-320': 'no-power-loss',
  kraft: 'no-power-loss',
  'kip-966': 'below-min-isr',
};

export interface PromiseVerdict {
  readonly covered: boolean;
  /** Why the run is outside the promise, or what the promise covers. */
  readonly reason: string;
}

function shutdowns(config: Config, layout: PartitionLayout, run: State | undefined): PromiseVerdict {
  const min = effectiveMinIsr(rulesOf(config), layout);
  if (UNCLEAN_SHUTDOWN_TOLERANCE[config.era] === 'below-min-isr') {
    const ghost = run?.partitions[layout.name]?.ghost;
    const unclean = ghost === undefined ? config.budgets.crashes + config.budgets.powerLosses : ghost.maxUncleanShutdowns;
    return unclean < min
      ? { covered: true, reason: `fewer than min.insync.replicas=${min} unclean shutdowns before the ISR was whole again (KIP-966)` }
      : { covered: false, reason: `${unclean} unclean shutdowns (crashes and power losses) before the ISR was whole again: KIP-966 tolerates fewer than min.insync.replicas=${min}` };
  }
  const powerLosses = run === undefined ? config.budgets.powerLosses : run.budget.powerLosses;
  if (powerLosses === 0 || config.flushIntervalMessages === 1) {
    return { covered: true, reason: 'no power loss of unflushed data' };
  }
  return { covered: false, reason: `a power loss with lazy flush: before KIP-966 Kafka promises nothing against it (era ${config.era})` };
}

/**
 * Whether Kafka promises durability for the writes to `partition` under `config`, or, given `run`
 * (the state where a violation was found), for the faults that run actually had.
 */
export function kafkaPromise(config: Config, partition: PartitionName, run?: State): PromiseVerdict {
  const layout = layoutOf(config, partition);
  if (layout.acks !== 'all') return { covered: false, reason: `acks=${layout.acks} does not wait for the ISR` };
  if (effectiveMinIsr(rulesOf(config), layout) < 2) return { covered: false, reason: 'min.insync.replicas < 2 lets one replica acknowledge' };
  if (config.uncleanLeaderElection) return { covered: false, reason: 'unclean.leader.election.enable=true' };
  const faults = shutdowns(config, layout, run);
  return faults.covered ? { covered: true, reason: `acks=all, min.insync.replicas >= 2, clean elections, ${faults.reason}` } : faults;
}
