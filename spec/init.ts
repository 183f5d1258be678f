/**
 * The initial state: every broker running and registered, broker 0 leading epoch 0 of each partition
 * with every replica in the ISR, empty logs, nothing in flight, and the consumer (if any) not yet
 * started: it first asks its group coordinator where to resume.
 */
import { produce, type Draft } from 'immer';
import { applyPartitionRecord } from './broker.js';
import { hasConsumer, type Config } from './config.js';
import type { Broker, PartitionState, PartitionView, State } from './types.js';

/**
 * The config of the group's `__consumer_offsets` partition: its own replication factor, the brokers'
 * settings (min.insync.replicas, flush policy, unclean election), and acks=all, with which the group
 * coordinator always appends commits (GroupMetadataManager.storeOffsets).
 */
export function offsetsTopicConfig(config: Config): Config {
  return {
    ...config,
    replicationFactor: config.offsetsTopicReplicationFactor,
    acks: 'all',
    // Compacted (cleanup.policy=compact), so retention deletes nothing; only the coordinator writes it.
    budgets: { ...config.budgets, records: 0, retention: 0 },
  };
}

export function initialState(config: Config): State {
  const consumer = hasConsumer(config);
  return {
    ...initialPartition(config),
    offsetsTopic: consumer ? initialPartition(offsetsTopicConfig(config)) : null,
    consumer: consumer ? { position: null, seen: [], commits: [], jumps: [] } : null,
  };
}

function initialPartition(config: Config): PartitionState {
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
  const empty: PartitionState = {
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
      deletedUncommitted: [],
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
    budget: { records: 0, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, shrinks: 0, commits: 0, consumerRestarts: 0, retention: 0 },
  };
  return produce(empty, (draft) => {
    for (const id of replicas) {
      applyPartitionRecord(draft, id, partition);
      // A new partition's empty logs have nothing to reconcile.
      (draft.brokers[id] as Draft<Broker>).awaitingEpochEnd = false;
    }
  });
}
