/**
 * Kafka's durability promise (DESIGN.md section 3): acks=all, an effective min.insync.replicas of at
 * least 2, unclean leader election off, and no unclean shutdown the era cannot tolerate. Inside it, a
 * violation of a durability invariant is a broken promise (a bug in that era of Kafka, or in the
 * model); outside it, loss allowed by the configuration.
 */
import type { Config } from '../spec/config.js';
import { effectiveMinIsr } from '../spec/isr.js';

export interface PromiseVerdict {
  readonly covered: boolean;
  /** Why the configuration is outside the promise, or what the promise covers. */
  readonly reason: string;
}

export function kafkaPromise(config: Config): PromiseVerdict {
  if (config.acks !== 'all') return { covered: false, reason: `acks=${config.acks} does not wait for the ISR` };
  if (effectiveMinIsr(config) < 2) return { covered: false, reason: 'min.insync.replicas < 2 lets one replica acknowledge' };
  if (config.uncleanLeaderElection) return { covered: false, reason: 'unclean.leader.election.enable=true' };
  // Before KIP-966 any power loss may lose acknowledged data, unless every append is fsynced (rule 23).
  if (config.budgets.powerLosses > 0 && config.flushIntervalMessages !== 1) {
    return { covered: false, reason: 'power loss with lazy flush (the era tolerates no unclean shutdown losing page cache)' };
  }
  return { covered: true, reason: 'acks=all, min.insync.replicas >= 2, clean elections, no unflushed power loss' };
}
