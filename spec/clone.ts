/**
 * A mutable copy of a state, for running an action's recipe without immer (step.ts, `applyEnabled`):
 * the checkers' fast path. Every object or array a recipe writes into is copied; what no recipe
 * changes in place is shared with the original: the configuration, log records (a log is appended to,
 * truncated and spliced, but a record never changes), epoch entries, fetch and OffsetsForLeaderEpoch
 * responses, AlterPartition traffic, delayed produces, exposed records and excuses, the consumer's
 * records and jumps (replaced, never edited).
 *
 * The copy is only as good as that list: test/spec/fast-step.test.ts runs every step of every saved
 * counterexample and thousands of random runs through both paths on deeply frozen states, so a recipe
 * that edits something shared here throws there, and any difference in the resulting states fails.
 */
import type { Consumer, LeaderState, Network, Partition, PartitionGhost, PartitionView, Producer, Replica, State } from './types.js';

function byBroker<T>(record: Readonly<Record<number, T>>, copy: (value: T) => T): Record<number, T> {
  const out: Record<number, T> = {};
  for (const key in record) {
    const value = record[key] as T;
    out[key] = value === null ? value : copy(value);
  }
  return out;
}

const view = (v: PartitionView): PartitionView => ({ leader: v.leader, leaderEpoch: v.leaderEpoch, partitionEpoch: v.partitionEpoch, isr: [...v.isr], elr: [...v.elr] });

const leader = (l: LeaderState): LeaderState => ({
  epochStartOffset: l.epochStartOffset,
  followers: { ...l.followers },
  pendingIsr: l.pendingIsr === null ? null : [...l.pendingIsr],
  delayedProduces: [...l.delayedProduces],
});

const replica = (r: Replica): Replica => ({
  broker: r.broker,
  logStartOffset: r.logStartOffset,
  log: [...r.log],
  epochs: [...r.epochs],
  hw: r.hw,
  flushed: r.flushed,
  hwCheckpoint: r.hwCheckpoint,
  view: r.view === null ? null : view(r.view),
  awaitingEpochEnd: r.awaitingEpochEnd,
  leader: r.leader === null ? null : leader(r.leader),
});

const network = (n: Network): Network => ({
  fetchResponses: { ...n.fetchResponses },
  epochEndResponses: { ...n.epochEndResponses },
  alterPartitionRequests: [...n.alterPartitionRequests],
  alterPartitionResponses: [...n.alterPartitionResponses],
});

const ghost = (g: PartitionGhost): PartitionGhost => ({
  exposed: [...g.exposed],
  forfeited: [...g.forfeited],
  excuses: [...g.excuses],
  lastFetch: { ...g.lastFetch },
  uncleanLeader: g.uncleanLeader,
  uncleanShutdowns: g.uncleanShutdowns,
  maxUncleanShutdowns: g.maxUncleanShutdowns,
  deletedUncommitted: [...g.deletedUncommitted],
  shrunk: [...g.shrunk],
  events: { ...g.events },
});

const partition = (p: Partition): Partition => ({
  cleanupPolicy: p.cleanupPolicy,
  internal: p.internal,
  assignment: [...p.assignment],
  reassignment: p.reassignment === null ? null : { adding: [...p.reassignment.adding], removing: [...p.reassignment.removing] },
  record: view(p.record),
  lastKnownLeader: p.lastKnownLeader,
  shrinks: p.shrinks,
  replicas: byBroker(p.replicas, replica),
  network: network(p.network),
  ghost: ghost(p.ghost),
});

/** Produce attempts and requests change status in place (acknowledged, failed, answered, retried). */
const producer = (p: Producer): Producer => ({
  attempts: p.attempts.map((a) => ({ ...a })),
  network: p.network === null ? null : { requests: p.network.requests.map((r) => ({ ...r })), writers: [...p.network.writers], sends: [...p.network.sends] },
});

const consumer = (c: Consumer): Consumer => ({
  position: c.position,
  epochs: c.epochs === null ? null : { offsetEpoch: c.epochs.offsetEpoch, leaderEpoch: c.epochs.leaderEpoch },
  polled: c.polled,
  seen: [...c.seen],
  commits: c.commits.map((a) => ({ ...a })),
  jumps: [...c.jumps],
  dropped: [...c.dropped],
  unseen: [...c.unseen],
});

/**
 * A copy of `state` a recipe may write into; `state` itself is left as it was. Objects are written
 * field by field, in one order per type, so that every copy of a type has one shape (V8's inline
 * caches stay monomorphic, where spreading what recipes built in varied orders made them megamorphic
 * and this copy four times slower), and the compiler names any field a type gains and the copy lacks.
 */
export function mutableCopy(state: State): State {
  const partitions: Record<string, Partition> = {};
  for (const name in state.partitions) partitions[name] = partition(state.partitions[name as keyof State['partitions']] as Partition);
  return {
    config: state.config,
    brokers: state.brokers.map((b) => ({ id: b.id, status: b.status, brokerEpoch: b.brokerEpoch, cleanShutdownEpoch: b.cleanShutdownEpoch, lostPower: b.lostPower })),
    controller: { registrations: state.controller.registrations.map((r) => ({ brokerEpoch: r.brokerEpoch, fenced: r.fenced })) },
    partitions,
    producer: producer(state.producer),
    consumer: state.consumer === null ? null : consumer(state.consumer),
    rollingRestart: state.rollingRestart === null ? null : { rolled: [...state.rollingRestart.rolled] },
    budget: { ...state.budget },
  };
}
