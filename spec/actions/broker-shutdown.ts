/**
 * brokerShutdown: a clean (controlled) shutdown.
 *
 * The controller moves leadership away and takes the broker out of the ISR (a last member stays,
 * leaderless, rule 17); the broker then flushes its log, checkpoints its HW and writes the clean
 * shutdown marker for its broker epoch before it stops (rule 21). In a rolling restart, each broker
 * once and in turn (spec/rolling-restart.ts).
 */
import { stopBroker } from '../broker.js';
import { hostedSites } from '../cluster.js';
import { fenceBroker } from '../controller.js';
import { logEndOffset } from '../log.js';
import { rollRefusal } from '../rolling-restart.js';
import type { BrokerId } from '../types.js';
import { perHost, runningHost, type ClusterActionSpec } from './action.js';

export interface BrokerShutdown {
  readonly kind: 'brokerShutdown';
  readonly broker: BrokerId;
}

export const brokerShutdown: ClusterActionSpec<BrokerShutdown> = {
  kind: 'brokerShutdown',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'shuts down cleanly: hands leadership over, flushes, checkpoints the HW, writes the clean-shutdown marker',
    source: 'Kafka docs: controlled.shutdown.enable; KIP-966 (the marker)',
  },
  params: { broker: { type: 'broker', doc: 'the broker shutting down' } },
  candidates: perHost('brokerShutdown'),
  budget: 'shutdowns',
  refusal: (at, { broker }) => runningHost(at, broker) ?? rollRefusal(at, broker),
  apply(at, { broker }) {
    const target = at.state.brokers[broker];
    if (target === undefined) return;
    at.state.budget.shutdowns += 1;
    at.state.rollingRestart?.rolled.push(broker);
    fenceBroker(at, broker);
    for (const site of hostedSites(at, broker)) {
      const replica = site.partition.replicas[broker];
      if (replica === undefined) continue;
      replica.flushed = logEndOffset(replica);
      replica.hwCheckpoint = replica.hw;
    }
    target.cleanShutdownEpoch = target.brokerEpoch;
    stopBroker(at, broker);
  },
};
