/**
 * The explorer's view of a state: a compact string that keeps everything that decides what can happen
 * next or what an invariant says, and leaves out ghost fields no invariant reads (witness events, the
 * unclean-shutdown counters used only to classify a violation). Two states with the same view are the
 * same to the explorer.
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
 */
import { STOPPING_BUDGETS } from '../../spec/broker.js';
import type { Invariant } from '../../properties/invariant.js';
import type {
  Broker,
  BrokerId,
  BudgetUse,
  Consumer,
  FetchResponse,
  LeaderState,
  LogRecord,
  LossExcuse,
  Partition,
  PartitionView,
  RecoveryField,
  ProduceAttempt,
  ProducerNetwork,
  Replica,
  State,
} from '../../spec/types.js';

/** Each broker's label in a view, by broker id: its rank under a relabelling, or its own id. */
type Labels = readonly string[];

/** A broker's label, or `-` for none. */
function lab(labels: Labels, id: BrokerId | null): string {
  return id === null ? '-' : (labels[id] ?? '?');
}

function records(log: readonly LogRecord[]): string {
  let text = '';
  for (const r of log) text += `${r.offset}.${r.epoch}.${r.id}${r.commit?.leaderEpoch == null ? '' : `c${r.commit.leaderEpoch}`} `;
  return text;
}

/** A set of brokers, relabelled and sorted. */
function brokerSet(ids: readonly BrokerId[], labels: Labels): string {
  if (ids.length <= 1) return ids.length === 0 ? '' : lab(labels, ids[0] ?? null);
  if (ids.length === 2) {
    const [x, y] = [lab(labels, ids[0] ?? null), lab(labels, ids[1] ?? null)];
    return x <= y ? x + y : y + x;
  }
  return ids.map((id) => lab(labels, id)).sort().join('');
}

function partitionView(p: PartitionView | null, labels: Labels): string {
  if (p === null) return '-';
  return `${lab(labels, p.leader)}e${p.leaderEpoch}p${p.partitionEpoch}i${brokerSet(p.isr, labels)}l${brokerSet(p.elr, labels)}`;
}

function fetch(r: FetchResponse | null | undefined, labels: Labels): string {
  if (r == null) return '-';
  const diverging = r.diverging === null ? '' : `d${r.diverging.epoch ?? 'u'}.${r.diverging.endOffset}`;
  return `${lab(labels, r.leader)}e${r.leaderEpoch}o${r.fetchOffset}h${r.hw}s${r.logStartOffset}${r.outOfRange ? 'x' : ''}${diverging}[${records(r.records)}]`;
}

/** What the broker itself holds, naming no other broker: its process and machine, and its registration. */
function brokerLocal(b: Broker, state: State): string {
  const registration = state.controller.registrations[b.id];
  const registered = registration === undefined ? '' : `${registration.brokerEpoch}${registration.fenced ? 'F' : ''}`;
  const rolled = state.rollingRestart?.rolled.includes(b.id) === true ? '|r' : '';
  return `${b.status === 'running' ? 'R' : 'D'}|${b.brokerEpoch}|${b.cleanShutdownEpoch === b.brokerEpoch ? 'c' : 'u'}|${b.lostPower ? 'p' : ''}|${registered}${rolled}`;
}

/** What the view may forget, for one search: every recovery field but those a checked invariant reads. */
export interface Forgetting {
  readonly kept: ReadonlySet<RecoveryField>;
}

export function forgettingOf(invariants: readonly Invariant[]): Forgetting {
  return { kept: new Set(invariants.flatMap((invariant) => invariant.reads ?? [])) };
}

/** The recovery fields no future step of `state` reads, under `forgetting`. */
export type Forgotten = Readonly<Record<RecoveryField, boolean>>;

const REMEMBERED: Forgotten = { flushed: false, hwCheckpoint: false };

function spent(state: State, budget: keyof BudgetUse): boolean {
  return state.budget[budget] >= state.config.budgets[budget];
}

export function forgottenIn(state: State, forgetting: Forgetting | null): Forgotten {
  if (forgetting === null) return REMEMBERED;
  return {
    flushed: !forgetting.kept.has('flushed') && spent(state, 'powerLosses'),
    hwCheckpoint:
      !forgetting.kept.has('hwCheckpoint') &&
      STOPPING_BUDGETS.every((budget) => spent(state, budget)) &&
      state.brokers.every((b) => b.status === 'running'),
  };
}

/** What one replica holds that names no other broker (`_` for a forgotten field). */
function replicaLocal(r: Replica, forgotten: Forgotten): string {
  let epochs = '';
  for (const e of r.epochs) epochs += `${e.epoch}.${e.startOffset} `;
  const flushed = forgotten.flushed ? '_' : r.flushed;
  const checkpoint = forgotten.hwCheckpoint ? '_' : r.hwCheckpoint;
  return `${r.logStartOffset}|${records(r.log)}|${epochs}|${r.hw}|${flushed}|${checkpoint}|${r.awaitingEpochEnd ? 'a' : ''}`;
}

/**
 * What a broker holds that names no other broker, in every partition: how brokers are told apart
 * before relabelling. Its placement is part of it (`o` where it hosts no replica), so relabelling
 * never swaps brokers that host different partitions.
 */
function local(b: Broker, state: State, partitions: readonly Partition[], forgotten: Forgotten): string {
  let text = brokerLocal(b, state);
  const ordered = state.config.budgets.leaderMoves > 0;
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    const position = ordered && partition.assignment[0] === b.id ? 'P' : '';
    const moving = partition.reassignment?.adding.includes(b.id) === true ? 'A' : partition.reassignment?.removing.includes(b.id) === true ? 'X' : '';
    text += `+${replica === undefined ? 'o' : `${position}${moving}${replicaLocal(replica, forgotten)}${lostCopies(partition.ghost.excuses, b.id)}`}`;
  }
  return text;
}

/** The exposed records the replica lost to a power loss or a replaced disk, with the unclean shutdowns counted then (the judgement reads them). */
function lostCopies(excuses: readonly LossExcuse[], broker: BrokerId): string {
  let text = '';
  for (const e of excuses) if (e.cause !== 'unclean-election' && e.broker === broker) text += `!${e.cause === 'disk-loss' ? 'd' : ''}${e.id}.${e.uncleanShutdowns}`;
  return text;
}

/** What a broker holds that names other brokers, in every partition it hosts, relabelled by `id`. */
function references(b: Broker, partitions: readonly Partition[], labels: Labels): string {
  let text = '';
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    if (replica !== undefined) text += `+${replicaReferences(replica, partition, labels)}`;
  }
  return text;
}

function replicaReferences(r: Replica, partition: Partition, labels: Labels): string {
  const leader = r.leader;
  const leading =
    leader === null
      ? ''
      : `L${leader.epochStartOffset}f${followers(leader.followers, labels)}` +
        `p${leader.pendingIsr === null ? '-' : brokerSet(leader.pendingIsr, labels)}` +
        `w${leader.delayedProduces.map((d) => `${d.id}.${d.offset}${d.from[0]}${d.send ?? ''}`).join(',')}`;
  const epochEnd = partition.network.epochEndResponses[r.broker];
  const answer =
    epochEnd == null ? '-' : `${lab(labels, epochEnd.leader)}e${epochEnd.leaderEpoch}r${epochEnd.requestEpoch}a${epochEnd.answer.epoch ?? 'u'}.${epochEnd.answer.endOffset}`;
  const lastFetch = partition.ghost.lastFetch[r.broker];
  return `${partitionView(r.view, labels)}|${leading}|${fetch(partition.network.fetchResponses[r.broker], labels)}|${answer}|${lastFetch == null ? '-' : `${lab(labels, lastFetch.leader)}e${lastFetch.epoch}`}`;
}

/** What a leader learned of its followers, relabelled and sorted. */
function followers(known: LeaderState['followers'], labels: Labels): string {
  const seen: string[] = [];
  for (const follower in known) {
    const fetched = known[Number(follower)];
    if (fetched !== undefined) seen.push(`${lab(labels, Number(follower))}:${fetched.leo}.${fetched.brokerEpoch}`);
  }
  return seen.sort().join(',');
}

function attempts(list: readonly ProduceAttempt[]): string {
  return list.map((a) => (a.status === 'acknowledged' ? `a${a.offset ?? 'n'}` : a.status[0])).join('');
}

/** The producer's requests in flight (each names its broker), with their answers, and every send in order. */
function producerNetwork(network: ProducerNetwork | null, labels: Labels): string {
  if (network === null) return '';
  let text = `${network.sends.join('.')}:${network.writers.join('.')}:`;
  for (const r of network.requests) {
    const answer = r.stage !== 'response' ? r.stage[0] : 'offset' in r.answer ? `a${r.answer.offset}` : `x${r.answer.error}`;
    // A request's producer is its write's (`writers`).
    text += `${r.write}.${r.send}${lab(labels, r.broker)}${answer},`;
  }
  return text;
}

/** What no broker owns and that names brokers: each partition's controller record and AlterPartition traffic, the producer's requests. */
function shared(state: State, partitions: readonly Partition[], labels: Labels): string {
  let text = producerNetwork(state.producer.network, labels);
  for (const { record, lastKnownLeader, network } of partitions) {
    const requests = network.alterPartitionRequests.map((r) => `${lab(labels, r.from)}${r.brokerEpoch}e${r.leaderEpoch}p${r.partitionEpoch}i${r.isr.map((m, i) => `${lab(labels, m)}.${r.memberEpochs[i]}`).sort().join(',')}`);
    const responses = network.alterPartitionResponses.map((r) => `${lab(labels, r.to)}${r.accepted === null ? `x${r.error}` : partitionView(r.accepted, labels)}`);
    text += `${partitionView(record, labels)}#${lab(labels, lastKnownLeader)}#${requests.sort().join(';')}#${responses.sort().join(';')}+`;
  }
  return text;
}

/**
 * What no broker owns and that names no broker, the same under every relabelling: each partition's
 * ghost and shrinks, the clients, the budgets.
 */
/** The records unclean elections took (the judgement reads them; which broker was elected, the controller's record says). */
function uncleanlyLost(excuses: readonly LossExcuse[]): string {
  return excuses.flatMap((e) => (e.cause === 'unclean-election' ? [e.id] : [])).join(' ');
}

function unlabelled(state: State, partitions: readonly Partition[]): string {
  let text = '';
  for (const { ghost, shrinks } of partitions) {
    text += `${ghost.exposed.map((r) => `${r.offset}.${r.id}`).join(' ')}#${ghost.forfeited.join(' ')}#${uncleanlyLost(ghost.excuses)}#${ghost.deletedUncommitted.join(' ')}#${ghost.uncleanLeader ?? 'c'}#${shrinks}+`;
  }
  const consumer = state.consumer === null ? '' : `+${consumerView(state.consumer)}`;
  return `${text}${attempts(state.producer.attempts)}${consumer}#${Object.values(state.budget).join('.')}`;
}

/**
 * The consumer names no broker: its position, the record it holds unprocessed, what it processed, its
 * commits and their outcomes, its jumps, what restarts dropped and what it read past.
 */
function consumerView(consumer: Consumer): string {
  return [
    String(consumer.position),
    consumer.epochs === null ? '-' : `${consumer.epochs.offsetEpoch}.${consumer.epochs.leaderEpoch ?? '?'}`,
    consumer.polled === null ? '-' : records([consumer.polled]),
    records(consumer.dropped.map((d) => d.record)) + consumer.dropped.map((d) => d.jumps).join(','),
    consumer.unseen.map((u) => `${u.offset}.${u.id}`).join(' '),
    records(consumer.seen),
    `${consumer.commits.map((c) => c.position).join(' ')}/${attempts(consumer.commits)}`,
    consumer.jumps.map((j) => `${j.from ?? '-'}>${j.to}${j.cause[6] ?? 'r'}@${j.seen}${j.acknowledged ?? '-'}[${j.skipped.map((k) => `${k.offset}.${k.id}${k.expired ? 'x' : ''}`).join(' ')}]`).join(' '),
  ].join('|');
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

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The brokers sorted by `keys`, in runs of equal keys. */
function runsBy(brokers: readonly BrokerId[], keys: readonly string[]): BrokerId[][] {
  const sorted = [...brokers].sort((x, y) => compare(keys[x] ?? '', keys[y] ?? ''));
  const runs: BrokerId[][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && keys[last[0] as BrokerId] === keys[id]) last.push(id);
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
function runLabels(runs: readonly (readonly BrokerId[])[]): string[] {
  const labels: string[] = [];
  runs.forEach((run, index) => {
    for (const id of run) labels[id] = `c${index}`;
  });
  return labels;
}

/**
 * Colour refinement (as graph-isomorphism tools start): brokers that hold alike are told apart by what
 * the others say of them. Each round a broker's key becomes its run so far and its references written
 * with the runs' labels; until the runs stop splitting. Every step is the same under any relabelling of
 * the brokers, so the runs it ends with are too.
 */
function refine(runs: BrokerId[][], hosts: readonly BrokerId[], state: State, partitions: readonly Partition[]): BrokerId[][] {
  for (let round = 0; round < hosts.length; round++) {
    const labels = runLabels(runs);
    const keys: string[] = [];
    for (const id of hosts) keys[id] = `${labels[id]}|${references(state.brokers[id] as Broker, partitions, labels)}`;
    const refined = runsBy(hosts, keys);
    if (refined.length === runs.length) return runs;
    runs = refined;
  }
  return runs;
}

function render(state: State, partitions: readonly Partition[], locals: readonly string[], ranked: readonly BrokerId[], fixed: string): string {
  const labels: string[] = [];
  ranked.forEach((id, index) => {
    labels[id] = String(index);
  });
  return `${ranked.map((id) => `${locals[id]}|${references(state.brokers[id] as Broker, partitions, labels)}`).join('/')}#${shared(state, partitions, labels)}#${fixed}`;
}

export interface ViewOptions {
  /** Tie orderings enumerated before refining (default MAX_ORDERINGS). */
  readonly maxOrderings?: number;
  /** What may be forgotten (default: nothing). */
  readonly forgetting?: Forgetting | null;
}

/**
 * The view of a state; `symmetric` canonicalises broker identities. The hosting brokers are sorted by
 * what they hold themselves; ties that allow more than two orderings are refined by what the other
 * brokers say of each (a refinement round costs about one rendering, and usually breaks every tie).
 * While what still ties allows at most MAX_ORDERINGS orderings, the view is the least rendering over
 * all of them: refinement treats every relabelling alike, so every permutation of a state still has
 * the same view. Past that, what ties is ordered by broker id: merging stays sound (two states share a
 * view only if one is a relabelling of the other), but some symmetric states may keep views of their
 * own, and their count can then depend on the order of search. Brokers that host nothing keep their
 * place. (`maxOrderings` Infinity refines nothing and enumerates every tie: the plain canonical form the
 * tests compare with.)
 */
export function viewOf(state: State, symmetric: boolean, options: ViewOptions = {}): string {
  const { maxOrderings = MAX_ORDERINGS, forgetting = null } = options;
  const brokers = state.brokers;
  const partitions = Object.values(state.partitions);
  const forgotten = forgottenIn(state, forgetting);
  const locals = brokers.map((b) => local(b, state, partitions, forgotten));
  const fixed = unlabelled(state, partitions);
  if (!symmetric) {
    const own = brokers.map((b) => String(b.id));
    return `${brokers.map((b, i) => `${locals[i]}|${references(b, partitions, own)}`).join('/')}#${shared(state, partitions, own)}#${fixed}`;
  }
  const hosts: BrokerId[] = [];
  const idle: BrokerId[] = [];
  for (const b of brokers) (partitions.some((p) => p.replicas[b.id] !== undefined) ? hosts : idle).push(b.id);
  let runs = runsBy(hosts, locals);
  if (maxOrderings !== Infinity && orderingsOf(runs, maxOrderings) > REFINE_PAST) {
    runs = refine(runs, hosts, state, partitions);
    // Still too many: ties broken by broker id (runsBy keeps `hosts`' id order within a run).
    if (orderingsOf(runs, maxOrderings) > maxOrderings) return render(state, partitions, locals, [...runs.flat(), ...idle], fixed);
  }
  let least: string | null = null;
  for (const order of orderings(runs)) {
    const view = render(state, partitions, locals, [...order, ...idle], fixed);
    if (least === null || view < least) least = view;
  }
  return least ?? '';
}
