/**
 * The explorer's view of a state: a compact code, a list of integers, that keeps everything that
 * decides what can happen next or what an invariant says, and leaves out ghost fields no invariant
 * reads (witness events, the unclean-shutdown counters used only to classify a violation). Two states
 * with the same view are the same to the explorer.
 *
 * With `symmetric`, broker identities are canonicalised: brokers are interchangeable apart from their
 * state, so the view is taken under the relabelling that sorts the brokers' own encodings, and states
 * that differ only by a permutation of brokers share one view. A broker's own encoding includes where
 * it sits (which partitions it hosts), so relabelling never swaps brokers that host different
 * partitions. Elections may pick any eligible replica (KAFKA-RULES.md rule 16), so the order within an
 * assignment matters only to a preferred leader election (rule 26), which reads its first place: with a
 * `leaderMoves` budget whether a broker is a partition's preferred replica is part of its encoding, so
 * the preferred replica is never swapped with another.
 *
 * With a `Forgetting`, a state also leaves out what only a broker's recovery reads once no recovery
 * can come: the flushed offsets once the power-loss budget is spent (only a power loss reads them), the
 * HW checkpoints once no broker is down and no budget can stop one (only a restart reads them), unless
 * a checked invariant reads the field. States that differ only there have the same futures, step for
 * step (a flush or a checkpoint becomes a step that changes nothing the view keeps), so merging them
 * keeps every violation reachable, at the same depth or less.
 *
 * It also leaves out, at every step, what no guard reads and no checked invariant declares it reads
 * (spec/types.ts, `ForgettableField`). A follower's view keeps the leader and leader epoch it follows,
 * whether it is ahead of the controller's record (epochs-monotonic), and whether it is behind while that
 * may keep its broker fenced (`mayUnfence`): a follower fetches from that leader with that epoch, and
 * reconciles on a change of either (mustReconcile); only a leader reads its ISR, ELR and partition
 * epoch, and a replica becoming leader takes the record afresh. A follower's last fetch is kept while
 * its epoch is the controller's (log-matching reads it then); an older one can never be current again.
 * States merged this way simulate each other step for step: the same actions are enabled with merged
 * results, except that a follower behind the controller's record may catch up, a step that leaves it
 * in the same view when the leader and epoch did not change (test/model/forgetting.test.ts).
 *
 * The code is binary (integers, not text): every list carries its length and every optional value a
 * marker, so two states have the same code only if they agree on everything it keeps, and the explorer
 * hashes it to its 64-bit fingerprint without building a string (`fingerprintOfState`). `viewOf`
 * writes the same code as text, for the tests and for reading.
 */
import { hasBudget } from '../../spec/actions/action.js';
import { viewCaughtUp } from '../../spec/actions/broker-apply-metadata.js';
import { STOPPING_BUDGETS } from '../../spec/broker.js';
import type { Invariant } from '../../properties/invariant.js';
import { fingerprintOfCode } from './fingerprint.js';
import type {
  Broker,
  BrokerId,
  Consumer,
  FetchResponse,
  LeaderState,
  LogRecord,
  LossExcuse,
  Partition,
  PartitionView,
  ForgettableField,
  ProduceAttempt,
  ProducerNetwork,
  Replica,
  State,
} from '../../spec/types.js';

/** A view under construction: integers only. */
type Code = number[];

/**
 * An absent value: no integer the view writes otherwise (offsets, epochs, ids and counts are at least
 * -1). A present object is written as PRESENT and its fields, so that an absent one is never read as
 * the first field of a present one.
 */
const NONE = -1_000_001;
const PRESENT = -1_000_002;
/** The consumer's position when it must reset or has failed (auto.offset.reset=none). */
const RESETTING = -1_000_003;
const FAILED = -1_000_004;
/** A follower's view with only what a follower reads (`replicaView`). */
const FOLLOWING = -1_000_005;

/** Each broker's label in a view, by broker id: its rank under a relabelling, or its own id. */
type Labels = readonly number[];

/** A broker's label, or NONE for none. */
function lab(labels: Labels, id: BrokerId | null): number {
  return id === null ? NONE : (labels[id] ?? -1);
}

const orNone = (value: number | null | undefined): number => value ?? NONE;

/** Appends `items` to `code` (a loop: spreading a long code into push is slower and allocates). */
function append(code: Code, items: Code): void {
  for (const n of items) code.push(n);
}

/** A string, as its length and its characters (error codes, causes). */
function text(code: Code, value: string): void {
  code.push(value.length);
  for (let i = 0; i < value.length; i++) code.push(value.charCodeAt(i));
}

function records(code: Code, log: readonly LogRecord[]): void {
  code.push(log.length);
  for (const r of log) code.push(r.offset, r.epoch, r.id, orNone(r.commit?.leaderEpoch));
}

/** Whether the entry at `at` (`width` integers of `code`) comes after `entry`. */
function after(code: Code, at: number, entry: Code, width: number): boolean {
  for (let k = 0; k < width; k++) {
    const d = (code[at + k] as number) - (entry[k] as number);
    if (d !== 0) return d > 0;
  }
  return false;
}

/**
 * Sorts the last `count` entries of `code`, each `width` integers long, in lexicographic order
 * (insertion sort, in place: the sets it sorts hold a few brokers). Whole entries are compared, so
 * the order is the same under every relabelling, even where two entries share a label.
 */
function sortTail(code: Code, count: number, width: number): void {
  const start = code.length - count * width;
  for (let i = 1; i < count; i++) {
    const entry = code.slice(start + i * width, start + (i + 1) * width);
    let j = i - 1;
    for (; j >= 0 && after(code, start + j * width, entry, width); j--) {
      for (let k = 0; k < width; k++) code[start + (j + 1) * width + k] = code[start + j * width + k] as number;
    }
    for (let k = 0; k < width; k++) code[start + (j + 1) * width + k] = entry[k] as number;
  }
}

/** A set of brokers, relabelled and sorted. */
function brokerSet(code: Code, ids: readonly BrokerId[], labels: Labels): void {
  code.push(ids.length);
  for (const id of ids) code.push(lab(labels, id));
  sortTail(code, ids.length, 1);
}

function partitionView(code: Code, p: PartitionView | null, labels: Labels): void {
  if (p === null) {
    code.push(NONE);
    return;
  }
  code.push(PRESENT, lab(labels, p.leader), p.leaderEpoch, p.partitionEpoch);
  brokerSet(code, p.isr, labels);
  brokerSet(code, p.elr, labels);
}

function fetch(code: Code, r: FetchResponse | null | undefined, labels: Labels): void {
  if (r == null) {
    code.push(NONE);
    return;
  }
  code.push(PRESENT, lab(labels, r.leader), r.leaderEpoch, r.fetchOffset, r.hw, r.logStartOffset, r.outOfRange ? 1 : 0);
  if (r.diverging === null) code.push(NONE);
  else code.push(PRESENT, orNone(r.diverging.epoch), r.diverging.endOffset);
  records(code, r.records);
}

/** What the broker itself holds, naming no other broker: its process and machine, and its registration. */
function brokerLocal(code: Code, b: Broker, state: State): void {
  const registration = state.controller.registrations[b.id];
  code.push(b.status === 'running' ? 1 : 0, b.brokerEpoch, b.cleanShutdownEpoch === b.brokerEpoch ? 1 : 0, b.lostPower ? 1 : 0);
  if (registration === undefined) code.push(NONE);
  else code.push(PRESENT, registration.brokerEpoch, registration.fenced ? 1 : 0);
  code.push(state.rollingRestart?.rolled.includes(b.id) === true ? 1 : 0);
}

/** What the view may forget, for one search: every forgettable field but those a checked invariant reads. */
export interface Forgetting {
  readonly kept: ReadonlySet<ForgettableField>;
}

export function forgettingOf(invariants: readonly Invariant[]): Forgetting {
  return { kept: new Set(invariants.flatMap((invariant) => invariant.reads ?? [])) };
}

/** What no future step of `state` reads, under `forgetting`. */
export type Forgotten = Readonly<Record<ForgettableField, boolean>>;

const REMEMBERED: Forgotten = { flushed: false, hwCheckpoint: false, followerView: false, staleLastFetch: false };

export function forgottenIn(state: State, forgetting: Forgetting | null): Forgotten {
  if (forgetting === null) return REMEMBERED;
  return {
    flushed: !forgetting.kept.has('flushed') && !hasBudget(state, 'powerLosses'),
    hwCheckpoint:
      !forgetting.kept.has('hwCheckpoint') &&
      STOPPING_BUDGETS.every((budget) => !hasBudget(state, budget)) &&
      state.brokers.every((b) => b.status === 'running'),
    followerView: !forgetting.kept.has('followerView'),
    staleLastFetch: !forgetting.kept.has('staleLastFetch'),
  };
}

/** What one replica holds that names no other broker (NONE for a forgotten field). */
function replicaLocal(code: Code, r: Replica, forgotten: Forgotten): void {
  code.push(r.logStartOffset);
  records(code, r.log);
  code.push(r.epochs.length);
  for (const e of r.epochs) code.push(e.epoch, e.startOffset);
  code.push(r.hw, forgotten.flushed ? NONE : r.flushed, forgotten.hwCheckpoint ? NONE : r.hwCheckpoint, r.awaitingEpochEnd ? 1 : 0);
}

/**
 * What a broker holds that names no other broker, in every partition: how brokers are told apart
 * before relabelling. Its placement is part of it (NONE where it hosts no replica), so relabelling
 * never swaps brokers that host different partitions.
 */
function local(b: Broker, state: State, partitions: readonly Partition[], forgotten: Forgotten): Code {
  const code: Code = [];
  brokerLocal(code, b, state);
  const ordered = state.config.budgets.leaderMoves > 0;
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    if (replica === undefined) {
      code.push(NONE);
      continue;
    }
    const preferred = ordered && partition.assignment[0] === b.id ? 1 : 0;
    const moving = partition.reassignment?.adding.includes(b.id) === true ? 1 : partition.reassignment?.removing.includes(b.id) === true ? 2 : 0;
    code.push(preferred, moving);
    replicaLocal(code, replica, forgotten);
    lostCopies(code, partition.ghost.excuses, b.id);
  }
  return code;
}

type LostCopy = Exclude<LossExcuse, { readonly cause: 'unclean-election' }>;

/** The exposed records the replica lost to a power loss or a replaced disk, with the unclean shutdowns counted then (the judgement reads them). */
function lostCopies(code: Code, excuses: readonly LossExcuse[], broker: BrokerId): void {
  const lost = excuses.filter((e): e is LostCopy => e.cause !== 'unclean-election' && e.broker === broker);
  code.push(lost.length);
  for (const e of lost) code.push(e.cause === 'disk-loss' ? 1 : 0, e.id, e.uncleanShutdowns);
}

/** What a broker holds that names other brokers, in every partition it hosts, relabelled by `labels`. */
function references(code: Code, state: State, b: Broker, partitions: readonly Partition[], labels: Labels, forgotten: Forgotten): void {
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    if (replica !== undefined) replicaReferences(code, state, replica, partition, labels, forgotten);
  }
}

/**
 * Whether a broker's metadata being behind the controller's may matter: the controller unfences a
 * broker only once it has caught up with every partition it hosts, so while it is fenced, or while the
 * controller may fence it running (a fence left in the budget; any other fencing stops it, and a
 * stopped broker has no view).
 */
function mayUnfence(state: State, broker: BrokerId): boolean {
  return state.controller.registrations[broker]?.fenced === true || hasBudget(state, 'fences');
}

/**
 * A replica's view of its partition: a follower's without what only a leader reads, when forgotten.
 * Of a follower's partition epoch the view keeps whether it is ahead of the controller's
 * (epochs-monotonic reads it) and, while unfencing may ask it, whether it has caught up.
 */
function replicaView(code: Code, state: State, r: Replica, record: PartitionView, labels: Labels, forgotten: Forgotten): void {
  const view = r.view;
  if (view === null || r.leader !== null || view.leader === r.broker || !forgotten.followerView) {
    partitionView(code, view, labels);
    return;
  }
  const ahead = view.partitionEpoch > record.partitionEpoch;
  const behind = !viewCaughtUp(view, record) && mayUnfence(state, r.broker);
  code.push(FOLLOWING, lab(labels, view.leader), view.leaderEpoch, ahead ? 1 : behind ? -1 : 0);
}

function replicaReferences(code: Code, state: State, r: Replica, partition: Partition, labels: Labels, forgotten: Forgotten): void {
  replicaView(code, state, r, partition.record, labels, forgotten);
  const leader = r.leader;
  if (leader === null) code.push(NONE);
  else {
    code.push(PRESENT, leader.epochStartOffset);
    followers(code, leader.followers, labels, state.brokers.length);
    // A count is never NONE: a present ISR needs no marker.
    if (leader.pendingIsr === null) code.push(NONE);
    else brokerSet(code, leader.pendingIsr, labels);
    code.push(leader.delayedProduces.length);
    for (const d of leader.delayedProduces) code.push(d.id, d.offset, d.from === 'producer' ? 0 : 1, orNone(d.send));
  }
  fetch(code, partition.network.fetchResponses[r.broker], labels);
  const epochEnd = partition.network.epochEndResponses[r.broker];
  if (epochEnd == null) code.push(NONE);
  else code.push(PRESENT, lab(labels, epochEnd.leader), epochEnd.leaderEpoch, epochEnd.requestEpoch, orNone(epochEnd.answer.epoch), epochEnd.answer.endOffset);
  const lastFetch = partition.ghost.lastFetch[r.broker];
  if (lastFetch == null || (forgotten.staleLastFetch && lastFetch.epoch < partition.record.leaderEpoch)) code.push(NONE);
  else code.push(PRESENT, lab(labels, lastFetch.leader), lastFetch.epoch);
}

/** What a leader learned of its followers, relabelled and sorted (each follower's label is its own). */
function followers(code: Code, known: LeaderState['followers'], labels: Labels, brokers: number): void {
  const at = code.length;
  code.push(0);
  let count = 0;
  // By broker id, not for-in: V8 walks integer keys ten times slower (spec/clone.ts, byBroker).
  for (let follower = 0; follower < brokers; follower++) {
    const fetched = known[follower];
    if (fetched === undefined) continue;
    code.push(lab(labels, follower), fetched.leo, fetched.brokerEpoch);
    count += 1;
  }
  code[at] = count;
  sortTail(code, count, 3);
}

function attempts(code: Code, list: readonly ProduceAttempt[]): void {
  code.push(list.length);
  for (const a of list) {
    if (a.status === 'acknowledged') code.push(0, orNone(a.offset));
    else code.push(a.status === 'pending' ? 1 : 2);
  }
}

/** The producer's requests in flight (each names its broker), with their answers, and every send in order. */
function producerNetwork(code: Code, network: ProducerNetwork | null, labels: Labels): void {
  if (network === null) {
    code.push(NONE);
    return;
  }
  code.push(PRESENT, network.sends.length, ...network.sends, network.writers.length, ...network.writers, network.requests.length);
  for (const r of network.requests) {
    // A request's producer is its write's (`writers`).
    code.push(r.write, r.send, lab(labels, r.broker));
    if (r.stage !== 'response') code.push(r.stage === 'request' ? 0 : 1);
    else if ('offset' in r.answer) code.push(2, r.answer.offset);
    else {
      code.push(3);
      text(code, r.answer.error);
    }
  }
}

/** Lists of codes in a canonical order (the order of a set's members must not matter). */
function sortedCodes(code: Code, items: Code[]): void {
  items.sort(compareCodes);
  code.push(items.length);
  for (const item of items) append(code, item);
}

/** What no broker owns and that names brokers: each partition's controller record and AlterPartition traffic, the producer's requests. */
function shared(code: Code, state: State, partitions: readonly Partition[], labels: Labels): void {
  producerNetwork(code, state.producer.network, labels);
  for (const { record, lastKnownLeader, network } of partitions) {
    partitionView(code, record, labels);
    code.push(lab(labels, lastKnownLeader));
    sortedCodes(
      code,
      network.alterPartitionRequests.map((r) => {
        const item: Code = [lab(labels, r.from), r.brokerEpoch, r.leaderEpoch, r.partitionEpoch, r.isr.length];
        r.isr.forEach((member, i) => item.push(lab(labels, member), r.memberEpochs[i] ?? NONE));
        sortTail(item, r.isr.length, 2);
        return item;
      }),
    );
    sortedCodes(
      code,
      network.alterPartitionResponses.map((r) => {
        const item: Code = [lab(labels, r.to)];
        if (r.accepted === null) text(item, r.error ?? '');
        else partitionView(item, r.accepted, labels);
        return item;
      }),
    );
  }
}

/** The records unclean elections took (the judgement reads them; which broker was elected, the controller's record says). */
function uncleanlyLost(code: Code, excuses: readonly LossExcuse[]): void {
  const ids = excuses.flatMap((e) => (e.cause === 'unclean-election' ? [e.id] : []));
  code.push(ids.length, ...ids);
}

const UNCLEAN_CAUSES = ['flag', 'last-known-leader', 'operator'] as const;

/**
 * What no broker owns and that names no broker, the same under every relabelling: each partition's
 * ghost and shrinks, the clients, the budgets.
 */
function unlabelled(state: State, partitions: readonly Partition[]): Code {
  const code: Code = [];
  for (const { ghost, shrinks } of partitions) {
    code.push(ghost.exposed.length);
    for (const r of ghost.exposed) code.push(r.offset, r.id);
    code.push(ghost.forfeited.length, ...ghost.forfeited);
    uncleanlyLost(code, ghost.excuses);
    code.push(ghost.deletedUncommitted.length, ...ghost.deletedUncommitted);
    code.push(ghost.uncleanLeader === null ? NONE : UNCLEAN_CAUSES.indexOf(ghost.uncleanLeader), shrinks);
  }
  attempts(code, state.producer.attempts);
  if (state.consumer === null) code.push(NONE);
  else consumerView(code, state.consumer);
  for (const used of Object.values(state.budget)) code.push(used);
  return code;
}

const JUMP_CAUSES = ['resume', 'reset-earliest', 'reset-latest', 'truncation'] as const;

/**
 * The consumer names no broker: its position, the record it holds unprocessed, what it processed, its
 * commits and their outcomes, its jumps, what restarts dropped and what it read past.
 */
function consumerView(code: Code, consumer: Consumer): void {
  const position = consumer.position;
  code.push(PRESENT, typeof position === 'number' ? position : position === null ? NONE : position === 'reset' ? RESETTING : FAILED);
  if (consumer.epochs === null) code.push(NONE);
  else code.push(PRESENT, consumer.epochs.offsetEpoch, orNone(consumer.epochs.leaderEpoch));
  records(code, consumer.polled === null ? [] : [consumer.polled]);
  records(code, consumer.dropped.map((d) => d.record));
  code.push(...consumer.dropped.map((d) => d.jumps));
  code.push(consumer.unseen.length);
  for (const u of consumer.unseen) code.push(u.offset, u.id);
  records(code, consumer.seen);
  code.push(consumer.commits.length, ...consumer.commits.map((c) => c.position));
  attempts(code, consumer.commits);
  code.push(consumer.jumps.length);
  for (const j of consumer.jumps) {
    code.push(orNone(j.from), j.to, JUMP_CAUSES.indexOf(j.cause), j.seen, orNone(j.acknowledged), j.skipped.length);
    for (const k of j.skipped) code.push(k.offset, k.id, k.expired ? 1 : 0);
  }
}

/** Lexicographic order of codes, a shorter code before its extensions. */
function compareCodes(a: Code, b: Code): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Every ordering of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * Tie permutations tried at most: 24 is every ordering of 4 tied brokers (a leader and four identical
 * followers). Past it the view refines the ties instead of enumerating them (see `viewOf`).
 */
export const MAX_ORDERINGS = 24;

/** Ties that allow more orderings than this are refined first: a round costs about one rendering. */
const REFINE_PAST = 2;

/** The brokers sorted by `keys`, in runs of equal keys. */
function runsBy(brokers: readonly BrokerId[], keys: readonly Code[]): BrokerId[][] {
  const sorted = [...brokers].sort((x, y) => compareCodes(keys[x] ?? [], keys[y] ?? []));
  const runs: BrokerId[][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && compareCodes(keys[last[0] as BrokerId] ?? [], keys[id] ?? []) === 0) last.push(id);
    else runs.push([id]);
  }
  return runs;
}

/** How many orderings enumerating the runs' ties would try (capped just past `limit`). */
function orderingsOf(runs: readonly (readonly BrokerId[])[], limit: number): number {
  let count = 1;
  for (const run of runs) for (let k = 2; k <= run.length && count <= limit; k++) count *= k;
  return count;
}

/** Every ordering of the brokers that keeps the runs in order and permutes the brokers within each. */
function orderings(runs: readonly (readonly BrokerId[])[]): BrokerId[][] {
  if (runs.every((run) => run.length === 1)) return [runs.map((run) => run[0] as BrokerId)];
  let result: BrokerId[][] = [[]];
  for (const run of runs) {
    const permuted = permutations(run);
    result = result.flatMap((prefix) => permuted.map((order) => [...prefix, ...order]));
  }
  return result;
}

/** Labels that give each broker its run's index: brokers of one run share a label. */
function runLabels(runs: readonly (readonly BrokerId[])[]): number[] {
  const labels: number[] = [];
  runs.forEach((run, index) => {
    for (const id of run) labels[id] = index;
  });
  return labels;
}

/**
 * Colour refinement (as graph-isomorphism tools start): brokers that hold alike are told apart by what
 * the others say of them. Each round a broker's key becomes its run so far and its references written
 * with the runs' labels; until the runs stop splitting. Every step is the same under any relabelling of
 * the brokers, so the runs it ends with are too.
 */
function refine(runs: BrokerId[][], hosts: readonly BrokerId[], state: State, partitions: readonly Partition[], forgotten: Forgotten): BrokerId[][] {
  for (let round = 0; round < hosts.length; round++) {
    const labels = runLabels(runs);
    const keys: Code[] = [];
    for (const id of hosts) {
      const key: Code = [labels[id] ?? -1];
      references(key, state, state.brokers[id] as Broker, partitions, labels, forgotten);
      keys[id] = key;
    }
    const refined = runsBy(hosts, keys);
    if (refined.length === runs.length) return runs;
    runs = refined;
  }
  return runs;
}

/** The code of the state with the brokers in the order `ranked` (each labelled by its place). */
function render(state: State, partitions: readonly Partition[], locals: readonly Code[], ranked: readonly BrokerId[], fixed: Code, forgotten: Forgotten): Code {
  const labels: number[] = [];
  ranked.forEach((id, index) => {
    labels[id] = index;
  });
  const code: Code = [ranked.length];
  for (const id of ranked) {
    append(code, locals[id] as Code);
    references(code, state, state.brokers[id] as Broker, partitions, labels, forgotten);
  }
  shared(code, state, partitions, labels);
  append(code, fixed);
  return code;
}

export interface ViewOptions {
  /** Tie orderings enumerated before refining (default MAX_ORDERINGS). */
  readonly maxOrderings?: number;
  /** What may be forgotten (default: nothing). */
  readonly forgetting?: Forgetting | null;
}

/**
 * The code of a state's view; `symmetric` canonicalises broker identities. The hosting brokers are
 * sorted by what they hold themselves; ties that allow more than two orderings are refined by what the
 * other brokers say of each (a refinement round costs about one rendering, and usually breaks every
 * tie). While what still ties allows at most MAX_ORDERINGS orderings, the view is the least rendering
 * over all of them: refinement treats every relabelling alike, so every permutation of a state still
 * has the same view. Past that, what ties is ordered by broker id: merging stays sound (two states
 * share a view only if one is a relabelling of the other), but some symmetric states may keep views of
 * their own, and their count can then depend on the order of search. Brokers that host nothing keep
 * their place. (`maxOrderings` Infinity refines nothing and enumerates every tie: the plain canonical
 * form the tests compare with.)
 */
function codeOf(state: State, symmetric: boolean, options: ViewOptions): Code {
  const { maxOrderings = MAX_ORDERINGS, forgetting = null } = options;
  const brokers = state.brokers;
  const partitions = Object.values(state.partitions);
  const forgotten = forgottenIn(state, forgetting);
  const locals = brokers.map((b) => local(b, state, partitions, forgotten));
  const fixed = unlabelled(state, partitions);
  if (!symmetric) return render(state, partitions, locals, brokers.map((b) => b.id), fixed, forgotten);
  const hosts: BrokerId[] = [];
  const idle: BrokerId[] = [];
  for (const b of brokers) (partitions.some((p) => p.replicas[b.id] !== undefined) ? hosts : idle).push(b.id);
  let runs = runsBy(hosts, locals);
  if (maxOrderings !== Infinity && orderingsOf(runs, maxOrderings) > REFINE_PAST) {
    runs = refine(runs, hosts, state, partitions, forgotten);
    // Still too many: ties broken by broker id (runsBy keeps `hosts`' id order within a run).
    if (orderingsOf(runs, maxOrderings) > maxOrderings) return render(state, partitions, locals, [...runs.flat(), ...idle], fixed, forgotten);
  }
  let least: Code | null = null;
  for (const order of orderings(runs)) {
    const code = render(state, partitions, locals, [...order, ...idle], fixed, forgotten);
    if (least === null || compareCodes(code, least) < 0) least = code;
  }
  return least ?? [];
}

/** The view of a state as text (the code's integers): for the tests, and for reading. */
export function viewOf(state: State, symmetric: boolean, options: ViewOptions = {}): string {
  return codeOf(state, symmetric, options).join(',');
}

/** The 64-bit fingerprint of a state's view (fingerprint.ts), hashed from its code without text. */
export function fingerprintOfState(state: State, symmetric: boolean, options: ViewOptions = {}): readonly [hi: number, lo: number] {
  return fingerprintOfCode(codeOf(state, symmetric, options));
}
