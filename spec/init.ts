/**
 * The initial state: every broker running and registered, broker 0 leading epoch 0 with every replica
 * in the ISR, empty logs, and nothing in flight.
 */
import { produce, type Draft } from 'immer';
import { applyPartitionRecord } from './broker.js';
import type { Config } from './config.js';
import type { Broker, PartitionView, State } from './types.js';

export function initialState(config: Config): State {
  const ids = Array.from({ length: config.brokers }, (_, id) => id);
  const replicas = ids.slice(0, config.replicationFactor);
  const partition: PartitionView = { leader: 0, leaderEpoch: 0, partitionEpoch: 0, isr: replicas, elr: [] };
  const broker = (id: number): Broker => ({
    id,
    status: 'running',
    brokerEpoch: 1,
    logStartOffset: 0,
    log: [],
    epochs: [],
    hw: 0,
    flushed: 0,
    hwCheckpoint: 0,
    cleanShutdownEpoch: null,
    lostPower: false,
    view: null,
    awaitingEpochEnd: false,
    leader: null,
  });
  const empty: State = {
    config,
    brokers: ids.map(broker),
    controller: {
      partition,
      registrations: ids.map(() => ({ brokerEpoch: 1, fenced: false })),
      lastKnownLeader: null,
    },
    network: {
      fetchResponses: ids.map(() => null),
      epochEndResponses: ids.map(() => null),
      alterPartitionRequests: [],
      alterPartitionResponses: [],
    },
    ghost: {
      attempts: [],
      exposed: [],
      forfeited: [],
      lastFetch: ids.map(() => null),
      cleanLeader: true,
      uncleanShutdowns: 0,
      maxUncleanShutdowns: 0,
      shrunk: [],
      events: {
        uncleanElection: false,
        truncationAfterLeaderChange: false,
        isrShrink: false,
        isrReexpand: false,
        notEnoughReplicas: false,
        staleFetchDropped: false,
      },
    },
    budget: { records: 0, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, shrinks: 0 },
  };
  return produce(empty, (draft) => {
    for (const id of replicas) {
      applyPartitionRecord(draft, id, partition);
      // A new partition's empty logs have nothing to reconcile.
      (draft.brokers[id] as Draft<Broker>).awaitingEpochEnd = false;
    }
  });
}
