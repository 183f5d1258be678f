/**
 * The explorer's view of a state: a compact string that keeps everything that decides what can happen
 * next or what an invariant says, and leaves out ghost fields no invariant reads (witness events, the
 * unclean-shutdown counters used only to classify a violation). Two states with the same view are the
 * same to the explorer.
 *
 * With `symmetric`, broker identities are canonicalised: brokers are interchangeable apart from their
 * state, so the view is taken under the relabelling that sorts the brokers' own encodings, and states
 * that differ only by a permutation of brokers share one view.
 */
import { isReplica } from '../../spec/isr.js';
import type { Broker, BrokerId, Consumer, FetchResponse, LogRecord, PartitionState, PartitionView, State } from '../../spec/types.js';

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

function partition(p: PartitionView | null, id: Relabel): string {
  if (p === null) return '-';
  return `${id(p.leader)}e${p.leaderEpoch}p${p.partitionEpoch}i${brokerSet(p.isr, id)}l${brokerSet(p.elr, id)}`;
}

function fetch(r: FetchResponse | null, id: Relabel): string {
  if (r === null) return '-';
  const diverging = r.diverging === null ? '' : `d${r.diverging.epoch ?? 'u'}.${r.diverging.endOffset}`;
  return `${id(r.leader)}e${r.leaderEpoch}o${r.fetchOffset}h${r.hw}s${r.logStartOffset}${r.outOfRange ? 'x' : ''}${diverging}[${records(r.records)}]`;
}

/**
 * What a broker holds that names no other broker, in every partition: how brokers are told apart before
 * relabelling. Hosting the offsets partition or not is part of it, so relabelling never swaps a broker
 * that hosts it with one that does not.
 */
function local(b: Broker, state: State): string {
  const offsets = state.offsetsTopic;
  const ownOffsets = offsets?.brokers[b.id];
  if (offsets === null || ownOffsets === undefined) return replicaLocal(b, state);
  return `${replicaLocal(b, state)}+${isReplica(offsets.config, b.id) ? replicaLocal(ownOffsets, offsets) : 'o'}`;
}

function replicaLocal(b: Broker, state: PartitionState): string {
  const registration = state.controller.registrations[b.id];
  return [
    b.status === 'running' ? 'R' : 'D',
    b.brokerEpoch,
    b.logStartOffset,
    records(b.log),
    b.epochs.map((e) => `${e.epoch}.${e.startOffset}`).join(' '),
    b.hw,
    b.flushed,
    b.hwCheckpoint,
    b.cleanShutdownEpoch === b.brokerEpoch ? 'c' : 'u',
    b.lostPower ? 'p' : '',
    b.awaitingEpochEnd ? 'a' : '',
    registration === undefined ? '' : `${registration.brokerEpoch}${registration.fenced ? 'F' : ''}`,
  ].join('|');
}

/** What a broker holds that names other brokers, in every partition, relabelled by `id`. */
function references(b: Broker, state: State, id: Relabel): string {
  const ownOffsets = state.offsetsTopic?.brokers[b.id];
  const offsets = state.offsetsTopic === null || ownOffsets === undefined ? '' : `+${replicaReferences(ownOffsets, state.offsetsTopic, id)}`;
  return replicaReferences(b, state, id) + offsets;
}

function replicaReferences(b: Broker, state: PartitionState, id: Relabel): string {
  const leader = b.leader;
  const leading =
    leader === null
      ? ''
      : `L${leader.epochStartOffset}f${leader.followers.map((f, i) => (f === null ? '' : `${id(i)}:${f.leo}.${f.brokerEpoch}`)).filter(Boolean).sort().join(',')}` +
        `p${leader.pendingIsr === null ? '-' : brokerSet(leader.pendingIsr, id)}` +
        `w${leader.delayedProduces.map((d) => `${d.id}.${d.offset}`).join(',')}`;
  const epochEnd = state.network.epochEndResponses[b.id];
  const answer =
    epochEnd == null ? '-' : `${id(epochEnd.leader)}e${epochEnd.leaderEpoch}r${epochEnd.requestEpoch}a${epochEnd.answer.epoch ?? 'u'}.${epochEnd.answer.endOffset}`;
  const lastFetch = state.ghost.lastFetch[b.id];
  return [
    partition(b.view, id),
    leading,
    fetch(state.network.fetchResponses[b.id] ?? null, id),
    answer,
    lastFetch == null ? '-' : `${id(lastFetch.leader)}e${lastFetch.epoch}`,
  ].join('|');
}

/** Everything not owned by one broker: each partition's controller record, traffic and ghost, and the consumer. */
function shared(state: State, id: Relabel): string {
  const offsets = state.offsetsTopic === null ? '' : `+${partitionShared(state.offsetsTopic, id)}`;
  const consumer = state.consumer === null ? '' : `+${consumerView(state.consumer)}`;
  return partitionShared(state, id) + offsets + consumer;
}

/** The consumer names no broker: its position, what it processed, its commits and its jumps. */
function consumerView(consumer: Consumer): string {
  return [
    String(consumer.position),
    records(consumer.seen),
    consumer.commits.map((c) => `${c.attempt}.${c.offset}`).join(' '),
    consumer.jumps.map((j) => `${j.from ?? '-'}>${j.to}${j.cause[6] ?? 'r'}${j.acknowledged ?? '-'}[${j.skipped.map((k) => `${k.offset}.${k.id}${k.expired ? 'x' : ''}`).join(' ')}]`).join(' '),
  ].join('|');
}

function partitionShared(state: PartitionState, id: Relabel): string {
  const { controller, network, ghost, budget } = state;
  return [
    partition(controller.partition, id),
    id(controller.lastKnownLeader),
    network.alterPartitionRequests.map((r) => `${id(r.from)}${r.brokerEpoch}e${r.leaderEpoch}p${r.partitionEpoch}i${r.isr.map((m, i) => `${id(m)}.${r.memberEpochs[i]}`).sort().join(',')}`).sort().join(';'),
    network.alterPartitionResponses.map((r) => `${id(r.to)}${r.accepted === null ? `x${r.error}` : partition(r.accepted, id)}`).sort().join(';'),
    ghost.attempts.map((a) => (a.status === 'acknowledged' ? `a${a.offset ?? 'n'}` : a.status[0])).join(''),
    ghost.exposed.map((r) => `${r.offset}.${r.id}`).join(' '),
    ghost.forfeited.join(' '),
    ghost.deletedUncommitted.join(' '),
    ghost.cleanLeader ? 'c' : 'u',
    Object.values(budget).join('.'),
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
 * The replica orderings to try: replicas sorted by what they hold themselves, and within each run of
 * replicas that hold the same, every ordering (those replicas differ only in what they say of others).
 */
function orderings(replicas: readonly BrokerId[], locals: readonly string[]): BrokerId[][] {
  const sorted = [...replicas].sort((x, y) => {
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

function render(state: State, locals: readonly string[], ranked: readonly BrokerId[]): string {
  const rank: number[] = [];
  ranked.forEach((id, index) => {
    rank[id] = index;
  });
  const relabel: Relabel = (id) => (id === null ? '-' : String(rank[id]));
  return `${ranked.map((id) => `${locals[id]}|${references(state.brokers[id] as Broker, state, relabel)}`).join('/')}#${shared(state, relabel)}`;
}

/**
 * The view of a state; `symmetric` canonicalises broker identities: the least rendering over the
 * relabellings that order replicas by what they hold, so every permutation of a state has the same
 * view (a tie broken by broker id would make the view depend on which permutation was met first, and
 * the explored set on the order of search). Brokers beyond the replication factor host nothing and
 * keep their place.
 */
export function viewOf(state: State, symmetric: boolean): string {
  const brokers = state.brokers;
  const locals = brokers.map((b) => local(b, state));
  if (!symmetric) {
    return `${brokers.map((b, i) => `${locals[i]}|${references(b, state, identity)}`).join('/')}#${shared(state, identity)}`;
  }
  const order = brokers.map((b) => b.id);
  const rf = state.config.replicationFactor;
  let least: string | null = null;
  for (const replicas of orderings(order.slice(0, rf), locals)) {
    const view = render(state, locals, [...replicas, ...order.slice(rf)]);
    if (least === null || view < least) least = view;
  }
  return least ?? '';
}
