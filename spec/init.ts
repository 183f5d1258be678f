/**
 * The initial state: every broker running and registered, its first replica leading epoch 0 of each
 * partition with every replica in the ISR, empty logs, nothing in flight, and the consumer (if any)
 * not yet started: it first asks its group coordinator where to resume.
 */
import { produce, type Draft } from 'immer';
import { applyPartitionRecord } from './broker.js';
import { draftPartitionSite } from './cluster.js';
import { emptyReplica } from './log.js';
import { hasConsumer, partitionLayout, type Config, type PartitionLayout } from './config.js';
import { rulesOf } from './eras/index.js';
import type { Broker, BrokerId, Partition, PartitionName, PartitionView, Replica, State } from './types.js';

/** A map with one entry per broker of `ids`. */
function perBroker<T>(ids: readonly BrokerId[], value: (id: BrokerId) => T): Record<BrokerId, T> {
  return Object.fromEntries(ids.map((id) => [id, value(id)]));
}

function emptyPartition({ assignment, internal, cleanupPolicy }: PartitionLayout): Partition {
  const record: PartitionView = { leader: assignment[0] ?? null, leaderEpoch: 0, partitionEpoch: 0, isr: [...assignment].sort((a, b) => a - b), elr: [] };
  return {
    cleanupPolicy,
    internal,
    assignment,
    reassignment: null,
    record,
    lastKnownLeader: null,
    shrinks: 0,
    replicas: perBroker(assignment, emptyReplica),
    network: {
      fetchResponses: perBroker(assignment, () => null),
      epochEndResponses: perBroker(assignment, () => null),
      alterPartitionRequests: [],
      alterPartitionResponses: [],
    },
    ghost: {
      exposed: [],
      forfeited: [],
      excuses: [],
      lastFetch: perBroker(assignment, () => null),
      uncleanLeader: null,
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
        leaderMoved: false,
        emptyLogReturned: false,
        reassignedReplicaJoined: false,
      },
    },
  };
}

export function initialState(config: Config): State {
  const ids = Array.from({ length: config.brokers }, (_, id) => id);
  const layout = partitionLayout(config);
  const broker = (id: BrokerId): Broker => ({ id, status: 'running', brokerEpoch: 1, cleanShutdownEpoch: null, lostPower: false });
  const empty: State = {
    config,
    brokers: ids.map(broker),
    controller: { registrations: ids.map(() => ({ brokerEpoch: 1, fenced: false })) },
    partitions: Object.fromEntries(layout.map((partition) => [partition.name, emptyPartition(partition)])),
    producer: { attempts: [] },
    consumer: hasConsumer(config) ? { position: null, epochs: null, polled: null, seen: [], commits: [], jumps: [], dropped: [], unseen: [] } : null,
    rollingRestart: config.scenario === 'rolling-restart' ? { rolled: [] } : null,
    budget: { records: 0, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, commits: 0, consumerRestarts: 0, retention: 0, uncleanElections: 0, leaderMoves: 0, diskLosses: 0, reassignments: 0 },
  };
  const rules = rulesOf(config);
  return produce(empty, (state) => {
    for (const name of Object.keys(empty.partitions) as PartitionName[]) {
      const site = draftPartitionSite({ state, base: empty, rules }, name);
      if (site === null) continue;
      for (const id of site.partition.assignment) {
        applyPartitionRecord(site, id, site.partition.record);
        // A new partition's empty logs have nothing to reconcile.
        (site.partition.replicas[id] as Draft<Replica>).awaitingEpochEnd = false;
      }
    }
  });
}
