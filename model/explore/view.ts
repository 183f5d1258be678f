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
 * partitions. The order within an assignment is not encoded: no rule reads it yet (elections may pick
 * any eligible replica, KAFKA-RULES.md rule 16); a rule that reads it (the preferred leader) must add
 * the position to `placement`.
 */
import type {
  Broker,
  BrokerId,
  Consumer,
  FetchResponse,
  LogRecord,
  Partition,
  PartitionView,
  ProduceAttempt,
  Replica,
  State,
} from '../../spec/types.js';

type Relabel = (id: BrokerId | null) => string;

function records(log: readonly LogRecord[]): string {
  let text = '';
  for (const r of log) text += `${r.offset}.${r.epoch}.${r.id} `;
  return text;
}

/** A set of brokers, relabelled and sorted. */
function brokerSet(ids: readonly BrokerId[], id: Relabel): string {
  return ids.map(id).sort().join('');
}

function partitionView(p: PartitionView | null, id: Relabel): string {
  if (p === null) return '-';
  return `${id(p.leader)}e${p.leaderEpoch}p${p.partitionEpoch}i${brokerSet(p.isr, id)}l${brokerSet(p.elr, id)}`;
}

function fetch(r: FetchResponse | null | undefined, id: Relabel): string {
  if (r == null) return '-';
  const diverging = r.diverging === null ? '' : `d${r.diverging.epoch ?? 'u'}.${r.diverging.endOffset}`;
  return `${id(r.leader)}e${r.leaderEpoch}o${r.fetchOffset}h${r.hw}s${r.logStartOffset}${r.outOfRange ? 'x' : ''}${diverging}[${records(r.records)}]`;
}

/** What the broker itself holds, naming no other broker: its process and machine, and its registration. */
function brokerLocal(b: Broker, state: State): string {
  const registration = state.controller.registrations[b.id];
  return [
    b.status === 'running' ? 'R' : 'D',
    b.brokerEpoch,
    b.cleanShutdownEpoch === b.brokerEpoch ? 'c' : 'u',
    b.lostPower ? 'p' : '',
    registration === undefined ? '' : `${registration.brokerEpoch}${registration.fenced ? 'F' : ''}`,
  ].join('|');
}

/** What one replica holds that names no other broker. */
function replicaLocal(r: Replica): string {
  return [r.logStartOffset, records(r.log), r.epochs.map((e) => `${e.epoch}.${e.startOffset}`).join(' '), r.hw, r.flushed, r.hwCheckpoint, r.awaitingEpochEnd ? 'a' : ''].join('|');
}

/**
 * What a broker holds that names no other broker, in every partition: how brokers are told apart
 * before relabelling. Its placement is part of it (`o` where it hosts no replica), so relabelling
 * never swaps brokers that host different partitions.
 */
function local(b: Broker, state: State, partitions: readonly Partition[]): string {
  let text = brokerLocal(b, state);
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    text += `+${replica === undefined ? 'o' : replicaLocal(replica)}`;
  }
  return text;
}

/** What a broker holds that names other brokers, in every partition it hosts, relabelled by `id`. */
function references(b: Broker, partitions: readonly Partition[], id: Relabel): string {
  let text = '';
  for (const partition of partitions) {
    const replica = partition.replicas[b.id];
    if (replica !== undefined) text += `+${replicaReferences(replica, partition, id)}`;
  }
  return text;
}

function replicaReferences(r: Replica, partition: Partition, id: Relabel): string {
  const leader = r.leader;
  const leading =
    leader === null
      ? ''
      : `L${leader.epochStartOffset}f${Object.entries(leader.followers).map(([f, s]) => `${id(Number(f))}:${s?.leo}.${s?.brokerEpoch}`).sort().join(',')}` +
        `p${leader.pendingIsr === null ? '-' : brokerSet(leader.pendingIsr, id)}` +
        `w${leader.delayedProduces.map((d) => `${d.id}.${d.offset}${d.from[0]}`).join(',')}`;
  const epochEnd = partition.network.epochEndResponses[r.broker];
  const answer =
    epochEnd == null ? '-' : `${id(epochEnd.leader)}e${epochEnd.leaderEpoch}r${epochEnd.requestEpoch}a${epochEnd.answer.epoch ?? 'u'}.${epochEnd.answer.endOffset}`;
  const lastFetch = partition.ghost.lastFetch[r.broker];
  return [partitionView(r.view, id), leading, fetch(partition.network.fetchResponses[r.broker], id), answer, lastFetch == null ? '-' : `${id(lastFetch.leader)}e${lastFetch.epoch}`].join('|');
}

function attempts(list: readonly ProduceAttempt[]): string {
  return list.map((a) => (a.status === 'acknowledged' ? `a${a.offset ?? 'n'}` : a.status[0])).join('');
}

/** Everything not owned by one broker: each partition's controller record, traffic and ghost; the clients; the budgets. */
function shared(state: State, partitions: readonly Partition[], id: Relabel): string {
  let text = '';
  for (const partition of partitions) text += `${partitionShared(partition, id)}+`;
  const consumer = state.consumer === null ? '' : `+${consumerView(state.consumer)}`;
  return `${text}${attempts(state.producer.attempts)}${consumer}#${Object.values(state.budget).join('.')}`;
}

/** The consumer names no broker: its position, what it processed, its commits and their outcomes, and its jumps. */
function consumerView(consumer: Consumer): string {
  return [
    String(consumer.position),
    records(consumer.seen),
    `${consumer.commits.map((c) => c.position).join(' ')}/${attempts(consumer.commits)}`,
    consumer.jumps.map((j) => `${j.from ?? '-'}>${j.to}${j.cause[6] ?? 'r'}${j.acknowledged ?? '-'}[${j.skipped.map((k) => `${k.offset}.${k.id}${k.expired ? 'x' : ''}`).join(' ')}]`).join(' '),
  ].join('|');
}

function partitionShared(partition: Partition, id: Relabel): string {
  const { record, network, ghost } = partition;
  return [
    partitionView(record, id),
    id(partition.lastKnownLeader),
    network.alterPartitionRequests.map((r) => `${id(r.from)}${r.brokerEpoch}e${r.leaderEpoch}p${r.partitionEpoch}i${r.isr.map((m, i) => `${id(m)}.${r.memberEpochs[i]}`).sort().join(',')}`).sort().join(';'),
    network.alterPartitionResponses.map((r) => `${id(r.to)}${r.accepted === null ? `x${r.error}` : partitionView(r.accepted, id)}`).sort().join(';'),
    ghost.exposed.map((r) => `${r.offset}.${r.id}`).join(' '),
    ghost.forfeited.join(' '),
    ghost.deletedUncommitted.join(' '),
    ghost.cleanLeader ? 'c' : 'u',
    partition.shrinks,
  ].join('#');
}

function identity(id: BrokerId | null): string {
  return id === null ? '-' : String(id);
}

/** Every ordering of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * The orderings of the hosting brokers to try: sorted by what they hold themselves, and within each
 * run of brokers that hold the same, every ordering (those brokers differ only in what they say of others).
 */
function orderings(hosts: readonly BrokerId[], locals: readonly string[]): BrokerId[][] {
  const sorted = [...hosts].sort((x, y) => {
    const a = locals[x] ?? '';
    const b = locals[y] ?? '';
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const tied = sorted.some((id, i) => i > 0 && locals[id] === locals[sorted[i - 1] as BrokerId]);
  if (!tied) return [sorted];
  let result: BrokerId[][] = [[]];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && locals[sorted[end] as BrokerId] === locals[sorted[start] as BrokerId]) end++;
    const runs = permutations(sorted.slice(start, end));
    result = result.flatMap((prefix) => runs.map((run) => [...prefix, ...run]));
    start = end;
  }
  return result;
}

function render(state: State, partitions: readonly Partition[], locals: readonly string[], ranked: readonly BrokerId[]): string {
  const rank: number[] = [];
  ranked.forEach((id, index) => {
    rank[id] = index;
  });
  const relabel: Relabel = (id) => (id === null ? '-' : String(rank[id]));
  return `${ranked.map((id) => `${locals[id]}|${references(state.brokers[id] as Broker, partitions, relabel)}`).join('/')}#${shared(state, partitions, relabel)}`;
}

/**
 * The view of a state; `symmetric` canonicalises broker identities: the least rendering over the
 * relabellings that order the hosting brokers by what they hold, so every permutation of a state has
 * the same view (a tie broken by broker id would make the view depend on which permutation was met
 * first, and the explored set on the order of search). Brokers that host nothing keep their place.
 */
export function viewOf(state: State, symmetric: boolean): string {
  const brokers = state.brokers;
  const partitions = Object.values(state.partitions);
  const locals = brokers.map((b) => local(b, state, partitions));
  if (!symmetric) {
    return `${brokers.map((b, i) => `${locals[i]}|${references(b, partitions, identity)}`).join('/')}#${shared(state, partitions, identity)}`;
  }
  const hosts: BrokerId[] = [];
  const idle: BrokerId[] = [];
  for (const b of brokers) (partitions.some((p) => p.replicas[b.id] !== undefined) ? hosts : idle).push(b.id);
  let least: string | null = null;
  for (const order of orderings(hosts, locals)) {
    const view = render(state, partitions, locals, [...order, ...idle]);
    if (least === null || view < least) least = view;
  }
  return least ?? '';
}
