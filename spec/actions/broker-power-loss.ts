/**
 * brokerPowerLoss: the broker's machine loses power (or its OS crashes).
 *
 * Everything above the flushed offset was only in the page cache and is gone; log recovery keeps the
 * flushed prefix, and the leader-epoch cache is truncated to it (rule 21). The HW checkpoint file, being
 * fsynced when written, survives. Several brokers losing power together are several steps in a row.
 */
import { stopBroker } from '../broker.js';
import { hostedSites } from '../cluster.js';
import { countUncleanShutdown } from '../controller.js';
import { noteLostCopies } from '../ghost.js';
import { truncateTo } from '../log.js';
import type { BrokerId } from '../types.js';
import { perHost, runningHost, type ClusterActionSpec } from './action.js';

export interface BrokerPowerLoss {
  readonly kind: 'brokerPowerLoss';
  readonly broker: BrokerId;
}

export const brokerPowerLoss: ClusterActionSpec<BrokerPowerLoss> = {
  kind: 'brokerPowerLoss',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'loses power: the unflushed page cache is gone, the log keeps only its flushed prefix',
    source: 'KAFKA-RULES.md rule 21; Kafka docs: "Log Flush Policy"',
  },
  params: { broker: { type: 'broker', doc: 'the broker losing power' } },
  candidates: perHost('brokerPowerLoss'),
  budget: 'powerLosses',
  refusal: (at, { broker }) => runningHost(at, broker),
  apply(at, { broker }) {
    const target = at.state.brokers[broker];
    if (target === undefined) return;
    at.state.budget.powerLosses += 1;
    // One page cache: every replica on the machine keeps only its flushed prefix.
    for (const site of hostedSites(at, broker)) {
      const replica = site.partition.replicas[broker];
      if (replica === undefined) continue;
      const before = replica.log.map(({ offset, id }) => ({ offset, id }));
      truncateTo(replica, replica.flushed);
      countUncleanShutdown(site);
      noteLostCopies(site, broker, before, 'power-loss');
    }
    target.lostPower = true;
    stopBroker(at, broker);
  },
};
