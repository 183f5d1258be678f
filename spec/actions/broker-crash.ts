/**
 * brokerCrash: the broker process dies (kill -9, an out-of-memory kill).
 *
 * The OS stays up, so the page cache survives and nothing written is lost (rule 21); the broker's
 * memory, connections and in-flight fetches are gone, and it leaves no clean-shutdown marker. The
 * controller notices only when its heartbeats stop (controllerFenceBroker).
 */
import { stopBroker } from '../broker.js';
import { hostedSites } from '../cluster.js';
import { countUncleanShutdown } from '../controller.js';
import type { BrokerId } from '../types.js';
import { perHost, runningHost, type ClusterActionSpec } from './action.js';

export interface BrokerCrash {
  readonly kind: 'brokerCrash';
  readonly broker: BrokerId;
}

export const brokerCrash: ClusterActionSpec<BrokerCrash> = {
  kind: 'brokerCrash',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'the process is killed: the page cache survives, memory and connections do not',
    source: 'KAFKA-RULES.md rule 21; KIP-966 (counts it as unclean)',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose process dies' } },
  candidates: perHost('brokerCrash'),
  budget: 'crashes',
  refusal: (at, { broker }) => runningHost(at, broker),
  apply(at, { broker }) {
    at.state.budget.crashes += 1;
    for (const site of hostedSites(at, broker)) countUncleanShutdown(site);
    stopBroker(at, broker);
  },
};
