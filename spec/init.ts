/**
 * The initial state: every broker running and registered, its first replica leading epoch 0 of each
 * partition with every replica in the ISR, empty logs, nothing in flight, and the consumer (if any)
 * not yet started: it first asks its group coordinator where to resume.
 */
import { castDraft, produce, type Draft } from 'immer';
import { applyPartitionRecord } from './broker.js';
import { draftPartitionSite, hostReplica } from './cluster.js';
import { hasConsumer, partitionLayout, type Config, type PartitionLayout } from './config.js';
import { rulesOf } from './eras/index.js';
import { producesOverNetwork } from './producer.js';
import type { Broker, BrokerId, Partition, PartitionName, PartitionView, Replica, State } from './types.js';

function emptyPartition({ assignment, internal, cleanupPolicy }: PartitionLayout): Partition {
  const record: PartitionView = { leader: assignment[0] ?? null, leaderEpoch: 0, partitionEpoch: 0, isr: [...assignment].sort((a, b) => a - b), elr: [] };
  const partition: Draft<Partition> = castDraft({
    cleanupPolicy,
    internal,
    assignment,
    reassignment: null,
    record,
    lastKnownLeader: null,
    shrinks: 0,
    replicas: {},
    network: {
      fetchResponses: {},
      epochEndResponses: {},
      alterPartitionRequests: [],
      alterPartitionResponses: [],
    },
    ghost: {
      exposed: [],
      forfeited: [],
      excuses: [],
      lastFetch: {},
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
        appendedWriteResent: false,
        duplicateAnswered: false,
      },
    },
  } satisfies Partition);
  for (const id of assignment) hostReplica(partition, id);
  return partition;
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
    producer: { attempts: [], network: producesOverNetwork(config) ? { requests: [], sends: [], writers: [] } : null },
    consumer: hasConsumer(config) ? { position: null, epochs: null, polled: null, seen: [], commits: [], jumps: [], dropped: [], unseen: [] } : null,
    rollingRestart: config.scenario === 'rolling-restart' ? { rolled: [] } : null,
    budget: { records: 0, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, commits: 0, consumerRestarts: 0, retention: 0, uncleanElections: 0, leaderMoves: 0, diskLosses: 0, reassignments: 0, retries: 0 },
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
