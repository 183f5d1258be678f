/**
 * A mutable copy of a state, for running an action's recipe without immer (step.ts, `applyEnabled`):
 * the checkers' fast path. Every object or array a recipe writes into is copied; what no recipe
 * changes in place is shared with the original: the configuration, log records (a log is appended to,
 * truncated and spliced, but a record never changes), epoch entries, fetch and OffsetsForLeaderEpoch
 * responses, AlterPartition traffic, delayed produces, exposed records and excuses, the consumer's
 * records and jumps (replaced, never edited).
 *
 * The copy is only as good as that list: test/model/fast-successors.test.ts runs every step of every
 * saved counterexample and thousands of random runs through both paths on deeply frozen states, so a
 * recipe that edits something shared here throws there, and any difference in the resulting states
 * fails. A new field of the state goes in the copy and in `sharedWith` below: the compiler asks for a
 * required one in the copy (every object is written field by field), not for an optional one, nor
 * for a comparison in `sharedWith`; that test does.
 */
import type { BrokerId, Consumer, FollowerFetchState, LeaderState, Network, Partition, PartitionGhost, PartitionName, PartitionView, Producer, ProducerNetwork, Reassignment, Replica, State } from './types.js';

/**
 * A record keyed by broker id (every id below `brokers`), each value copied. Records keyed by broker
 * id are walked by id, here and in `sameByBroker`: V8's for-in over integer keys is about ten times
 * slower than a spread and a loop over the ids.
 */
function byBroker<T>(record: Readonly<Record<number, T>>, copy: (value: T) => T, brokers: number): Record<number, T> {
  const out: Record<number, T> = { ...record };
  for (let id = 0; id < brokers; id++) {
    const value = record[id];
    if (value !== undefined && value !== null) out[id] = copy(value);
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

const partition = (p: Partition, brokers: number): Partition => ({
  cleanupPolicy: p.cleanupPolicy,
  internal: p.internal,
  assignment: [...p.assignment],
  reassignment: p.reassignment === null ? null : { adding: [...p.reassignment.adding], removing: [...p.reassignment.removing] },
  record: view(p.record),
  lastKnownLeader: p.lastKnownLeader,
  shrinks: p.shrinks,
  replicas: byBroker(p.replicas, replica, brokers),
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
 * A copy of `state` a recipe may write into; `state` itself is left as it was. With `only`, the
 * recipe is a partition action's, which writes the partition it runs on and no other: the other
 * partitions are shared (half of the copy, with a consumer's `__consumer_offsets` beside the data
 * partition). Objects are written field by field, in one order per type, so that every copy of a type
 * has one shape (V8's inline caches stay monomorphic, where spreading what recipes built in varied
 * orders made them megamorphic and this copy four times slower), and the compiler names any field a
 * type gains and the copy lacks.
 */
export function mutableCopy(state: State, only: PartitionName | null = null): State {
  const partitions: Record<string, Partition> = {};
  for (const name in state.partitions) {
    const original = state.partitions[name as PartitionName] as Partition;
    partitions[name] = only === null || name === only ? partition(original, state.brokers.length) : original;
  }
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

/** The same list, or `prev` when every item is the same value (items are shared, not copied, by `mutableCopy`). */
function sameItems<T>(next: readonly T[], prev: readonly T[]): readonly T[] {
  if (next.length !== prev.length) return next;
  for (let i = 0; i < next.length; i++) if (next[i] !== prev[i]) return next;
  return prev;
}

/** The same for items `mutableCopy` copies (flat objects): compared field by field. */
function sameFlatItems<T extends object>(next: readonly T[], prev: readonly T[]): readonly T[] {
  if (next.length !== prev.length) return next;
  for (let i = 0; i < next.length; i++) if (!sameFlat(next[i] as T, prev[i] as T)) return next;
  return prev;
}

/** Whether two flat objects (primitive fields only: an action, a produce attempt) hold the same fields. */
export function sameFlat<T extends object>(next: T, prev: T): boolean {
  if (next === prev) return true;
  let keys = 0;
  for (const key in next) {
    if (next[key] !== prev[key]) return false;
    keys += 1;
  }
  for (const _ in prev) keys -= 1;
  return keys === 0;
}

function sameByBroker<T>(next: Readonly<Record<number, T>>, prev: Readonly<Record<number, T>>, share: (n: T, p: T, brokers: number) => T, brokers: number): Readonly<Record<number, T>> {
  let equal = true;
  let out: Record<number, T> | null = null;
  for (let id = 0; id < brokers; id++) {
    const n = next[id];
    const p = prev[id];
    if (n === undefined) {
      if (p !== undefined) equal = false;
      continue;
    }
    const shared = p === undefined || n === null || p === null ? n : share(n, p, brokers);
    if (shared !== p) equal = false;
    if (shared !== n) (out ??= { ...next })[id] = shared;
  }
  return equal ? prev : (out ?? next);
}

const sharedView = (n: PartitionView, p: PartitionView): PartitionView => {
  const isr = sameItems(n.isr, p.isr);
  const elr = sameItems(n.elr, p.elr);
  if (isr === p.isr && elr === p.elr && n.leader === p.leader && n.leaderEpoch === p.leaderEpoch && n.partitionEpoch === p.partitionEpoch) return p;
  return { leader: n.leader, leaderEpoch: n.leaderEpoch, partitionEpoch: n.partitionEpoch, isr, elr };
};

const orNull = <T>(next: T | null, prev: T | null, share: (n: T, p: T) => T): T | null => (next === null || prev === null ? next : share(next, prev));

const sharedLeader = (n: LeaderState, p: LeaderState, brokers: number): LeaderState => {
  type Known = Readonly<Record<BrokerId, FollowerFetchState>>;
  const followers = sameByBroker(n.followers as Known, p.followers as Known, (x, y) => (sameFlat(x, y) ? y : x), brokers);
  const pendingIsr = orNull(n.pendingIsr, p.pendingIsr, sameItems);
  const delayedProduces = sameItems(n.delayedProduces, p.delayedProduces);
  if (followers === p.followers && pendingIsr === p.pendingIsr && delayedProduces === p.delayedProduces && n.epochStartOffset === p.epochStartOffset) return p;
  return { epochStartOffset: n.epochStartOffset, followers, pendingIsr, delayedProduces };
};

const sharedReplica = (n: Replica, p: Replica, brokers: number): Replica => {
  const log = sameItems(n.log, p.log);
  const epochs = sameItems(n.epochs, p.epochs);
  const view = orNull(n.view, p.view, sharedView);
  const leader = n.leader === null || p.leader === null ? n.leader : sharedLeader(n.leader, p.leader, brokers);
  if (
    log === p.log && epochs === p.epochs && view === p.view && leader === p.leader && n.broker === p.broker && n.logStartOffset === p.logStartOffset &&
    n.hw === p.hw && n.flushed === p.flushed && n.hwCheckpoint === p.hwCheckpoint && n.awaitingEpochEnd === p.awaitingEpochEnd
  ) return p;
  return { broker: n.broker, logStartOffset: n.logStartOffset, log, epochs, hw: n.hw, flushed: n.flushed, hwCheckpoint: n.hwCheckpoint, view, awaitingEpochEnd: n.awaitingEpochEnd, leader };
};

const sharedNetwork = (n: Network, p: Network, brokers: number): Network => {
  const fetchResponses = sameByBroker(n.fetchResponses, p.fetchResponses, (x) => x, brokers);
  const epochEndResponses = sameByBroker(n.epochEndResponses, p.epochEndResponses, (x) => x, brokers);
  const alterPartitionRequests = sameItems(n.alterPartitionRequests, p.alterPartitionRequests);
  const alterPartitionResponses = sameItems(n.alterPartitionResponses, p.alterPartitionResponses);
  if (fetchResponses === p.fetchResponses && epochEndResponses === p.epochEndResponses && alterPartitionRequests === p.alterPartitionRequests && alterPartitionResponses === p.alterPartitionResponses) return p;
  return { fetchResponses, epochEndResponses, alterPartitionRequests, alterPartitionResponses };
};

const sharedGhost = (n: PartitionGhost, p: PartitionGhost, brokers: number): PartitionGhost => {
  const exposed = sameItems(n.exposed, p.exposed);
  const forfeited = sameItems(n.forfeited, p.forfeited);
  const excuses = sameItems(n.excuses, p.excuses);
  const lastFetch = sameByBroker(n.lastFetch, p.lastFetch, (x) => x, brokers);
  const deletedUncommitted = sameItems(n.deletedUncommitted, p.deletedUncommitted);
  const shrunk = sameItems(n.shrunk, p.shrunk);
  const events = sameFlat(n.events, p.events) ? p.events : n.events;
  if (
    exposed === p.exposed && forfeited === p.forfeited && excuses === p.excuses && lastFetch === p.lastFetch && deletedUncommitted === p.deletedUncommitted &&
    shrunk === p.shrunk && events === p.events && n.uncleanLeader === p.uncleanLeader && n.uncleanShutdowns === p.uncleanShutdowns && n.maxUncleanShutdowns === p.maxUncleanShutdowns
  ) return p;
  return { exposed, forfeited, excuses, lastFetch, uncleanLeader: n.uncleanLeader, uncleanShutdowns: n.uncleanShutdowns, maxUncleanShutdowns: n.maxUncleanShutdowns, deletedUncommitted, shrunk, events };
};

const sharedReassignment = (n: Reassignment, p: Reassignment): Reassignment => {
  const adding = sameItems(n.adding, p.adding);
  const removing = sameItems(n.removing, p.removing);
  return adding === p.adding && removing === p.removing ? p : { adding, removing };
};

const sharedPartition = (n: Partition, p: Partition, brokers: number): Partition => {
  const assignment = sameItems(n.assignment, p.assignment);
  const reassignment = orNull(n.reassignment, p.reassignment, sharedReassignment);
  const record = sharedView(n.record, p.record);
  const replicas = sameByBroker(n.replicas, p.replicas, sharedReplica, brokers);
  const network = sharedNetwork(n.network, p.network, brokers);
  const ghost = sharedGhost(n.ghost, p.ghost, brokers);
  if (
    assignment === p.assignment && reassignment === p.reassignment && record === p.record && replicas === p.replicas && network === p.network && ghost === p.ghost &&
    n.cleanupPolicy === p.cleanupPolicy && n.internal === p.internal && n.lastKnownLeader === p.lastKnownLeader && n.shrinks === p.shrinks
  ) return p;
  return { cleanupPolicy: n.cleanupPolicy, internal: n.internal, assignment, reassignment, record, lastKnownLeader: n.lastKnownLeader, shrinks: n.shrinks, replicas, network, ghost };
};

const sharedProducerNetwork = (n: ProducerNetwork, p: ProducerNetwork): ProducerNetwork => {
  const requests = sameFlatItems(n.requests, p.requests);
  const writers = sameItems(n.writers, p.writers);
  const sends = sameItems(n.sends, p.sends);
  return requests === p.requests && writers === p.writers && sends === p.sends ? p : { requests, writers, sends };
};

const sharedProducer = (n: Producer, p: Producer): Producer => {
  const attempts = sameFlatItems(n.attempts, p.attempts);
  const network = orNull(n.network, p.network, sharedProducerNetwork);
  return attempts === p.attempts && network === p.network ? p : { attempts, network };
};

const sharedConsumer = (n: Consumer, p: Consumer): Consumer => {
  const epochs = orNull(n.epochs, p.epochs, (x, y) => (sameFlat(x, y) ? y : x));
  const seen = sameItems(n.seen, p.seen);
  const commits = sameFlatItems(n.commits, p.commits);
  const jumps = sameItems(n.jumps, p.jumps);
  const dropped = sameItems(n.dropped, p.dropped);
  const unseen = sameItems(n.unseen, p.unseen);
  if (epochs === p.epochs && seen === p.seen && commits === p.commits && jumps === p.jumps && dropped === p.dropped && unseen === p.unseen && n.position === p.position && n.polled === p.polled) {
    return p;
  }
  return { position: n.position, epochs, polled: n.polled, seen, commits, jumps, dropped, unseen };
};

/**
 * `next` (a successor `applyEnabled` made from `prev`) with every part equal to `prev`'s replaced by
 * `prev`'s own object: the explorer keeps a successor this way, so that it costs what changed, as
 * immer's structural sharing did. Neither state is modified. Parts `mutableCopy` shares are compared
 * by identity, parts it copies field by field, in the same order of types as the copy above.
 */
export function sharedWith(next: State, prev: State): State {
  const brokers = sameFlatItems(next.brokers, prev.brokers);
  const registrations = sameFlatItems(next.controller.registrations, prev.controller.registrations);
  const controller = registrations === prev.controller.registrations ? prev.controller : { registrations };
  let partitionsEqual = true;
  const partitions: Record<string, Partition> = {};
  for (const name in next.partitions) {
    const key = name as keyof State['partitions'];
    const before = prev.partitions[key];
    const after = next.partitions[key] as Partition;
    // A partition action's copy already shares the partitions it did not run on.
    const shared = before === undefined || after === before ? after : sharedPartition(after, before, next.brokers.length);
    if (shared !== before) partitionsEqual = false;
    partitions[name] = shared;
  }
  const producer = sharedProducer(next.producer, prev.producer);
  const consumer = orNull(next.consumer, prev.consumer, sharedConsumer);
  const rollingRestart = orNull(next.rollingRestart, prev.rollingRestart, (x, y) => (sameItems(x.rolled, y.rolled) === y.rolled ? y : x));
  const budget = sameFlat(next.budget, prev.budget) ? prev.budget : next.budget;
  return {
    config: next.config,
    brokers,
    controller,
    partitions: partitionsEqual ? prev.partitions : partitions,
    producer,
    consumer,
    rollingRestart,
    budget,
  };
}
