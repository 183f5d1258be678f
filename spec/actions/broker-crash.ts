/**
 * brokerCrash: the broker process dies (kill -9, an out-of-memory kill).
 *
 * The OS stays up, so the page cache survives and nothing written is lost (rule 21); the broker's
 * memory, connections and in-flight fetches are gone, and it leaves no clean-shutdown marker. The
 * controller notices only when its heartbeats stop (controllerFenceBroker).
 */
import { stopBroker } from '../broker.js';
import { hostedPartitions, hostedSites } from '../cluster.js';
import { place } from '../footprint.js';
import { countUncleanShutdown } from '../controller.js';
import type { BrokerId, Partition } from '../types.js';
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
  footprint(at, { broker }) {
    const writes = [place.broker(broker), place.budget('crashes')];
    // Its connections close (requests in flight to it fail) and what waits in its purgatory is answered.
    let clients = at.state.producer.network?.requests.some((request) => request.broker === broker) === true;
    for (const name of hostedPartitions(at.state, broker)) {
      const { assignment, network, replicas } = at.state.partitions[name] as Partition;
      writes.push(place.replica(name, broker), place.inbox(name, broker), place.shutdowns(name));
      clients ||= (replicas[broker]?.leader?.delayedProduces.length ?? 0) > 0;
      // The connections to and from it close: what is in flight from it as leader is dropped.
      for (const follower of assignment) {
        if (network.fetchResponses[follower]?.leader === broker || network.epochEndResponses[follower]?.leader === broker) writes.push(place.inbox(name, follower));
      }
      if (network.alterPartitionResponses.some((response) => response.to === broker)) writes.push(place.metadata(name));
    }
    return { reads: [], writes: clients ? [...writes, place.clients] : writes };
  },
  apply(at, { broker }) {
    at.state.budget.crashes += 1;
    for (const site of hostedSites(at, broker)) countUncleanShutdown(site);
    stopBroker(at, broker);
  },
};
