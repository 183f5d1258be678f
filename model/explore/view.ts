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
import type { Broker, BrokerId, FetchResponse, LogRecord, PartitionView, State } from '../../spec/types.js';

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
  return `${id(r.leader)}e${r.leaderEpoch}o${r.fetchOffset}h${r.hw}${diverging}[${records(r.records)}]`;
}

/** One broker, with the other brokers it refers to relabelled by `id`. */
function broker(b: Broker, state: State, id: Relabel): string {
  const leader = b.leader;
  const leading =
    leader === null
      ? ''
      : `L${leader.epochStartOffset}f${leader.followers.map((f, i) => (f === null ? '' : `${id(i)}:${f.leo}.${f.brokerEpoch}`)).filter(Boolean).sort().join(',')}` +
        `p${leader.pendingIsr === null ? '-' : brokerSet(leader.pendingIsr, id)}` +
        `w${leader.delayedProduces.map((d) => `${d.id}.${d.offset}`).join(',')}`;
  const registration = state.controller.registrations[b.id];
  const epochEnd = state.network.epochEndResponses[b.id];
  const answer = epochEnd == null ? '-' : `${id(epochEnd.leader)}e${epochEnd.leaderEpoch}a${epochEnd.answer.epoch ?? 'u'}.${epochEnd.answer.endOffset}`;
  const lastFetch = state.ghost.lastFetch[b.id];
  return [
    b.status === 'running' ? 'R' : 'D',
    b.brokerEpoch,
    records(b.log),
    b.epochs.map((e) => `${e.epoch}.${e.startOffset}`).join(' '),
    b.hw,
    b.flushed,
    b.hwCheckpoint,
    b.cleanShutdownEpoch === b.brokerEpoch ? 'c' : 'u',
    b.lostPower ? 'p' : '',
    partition(b.view, id),
    b.awaitingEpochEnd ? 'a' : '',
    leading,
    registration === undefined ? '' : `${registration.brokerEpoch}${registration.fenced ? 'F' : ''}`,
    fetch(state.network.fetchResponses[b.id] ?? null, id),
    answer,
    lastFetch == null ? '-' : `${id(lastFetch.leader)}e${lastFetch.epoch}`,
  ].join('|');
}

/** Everything not owned by one broker. */
function shared(state: State, id: Relabel): string {
  const { controller, network, ghost, budget } = state;
  return [
    partition(controller.partition, id),
    id(controller.lastKnownLeader),
    network.alterPartitionRequests.map((r) => `${id(r.from)}${r.brokerEpoch}e${r.leaderEpoch}p${r.partitionEpoch}i${r.isr.map((m, i) => `${id(m)}.${r.memberEpochs[i]}`).sort().join(',')}`).sort().join(';'),
    network.alterPartitionResponses.map((r) => `${id(r.to)}${r.accepted === null ? `x${r.error}` : partition(r.accepted, id)}`).sort().join(';'),
    ghost.attempts.map((a) => (a.status === 'acknowledged' ? `a${a.offset ?? 'n'}` : a.status[0])).join(''),
    ghost.exposed.map((r) => `${r.offset}.${r.id}`).join(' '),
    ghost.forfeited.join(' '),
    ghost.cleanLeader ? 'c' : 'u',
    `${budget.records}${budget.crashes}${budget.powerLosses}${budget.fences}${budget.shutdowns}${budget.shrinks}`,
  ].join('#');
}

function identity(id: BrokerId | null): string {
  return id === null ? '-' : String(id);
}

/** References hidden: how brokers are told apart before they are relabelled. */
function blind(id: BrokerId | null): string {
  return id === null ? '-' : '*';
}

/** The view of a state; `symmetric` canonicalises broker identities. */
export function viewOf(state: State, symmetric: boolean): string {
  const brokers = state.brokers;
  if (!symmetric) return `${brokers.map((b) => broker(b, state, identity)).join('/')}#${shared(state, identity)}`;
  // Order brokers by their encoding with references hidden, then relabel by that order.
  // Only replicas are interchangeable: brokers beyond the replication factor host nothing and stay put.
  const rf = state.config.replicationFactor;
  const order = brokers
    .slice(0, rf)
    .map((b) => ({ id: b.id, key: broker(b, state, blind) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.id - y.id))
    .map((entry) => entry.id)
    .concat(brokers.slice(rf).map((b) => b.id));
  const rank = new Map(order.map((id, index) => [id, index]));
  const relabel: Relabel = (id) => (id === null ? '-' : String(rank.get(id)));
  return `${order.map((id) => broker(brokers[id] as Broker, state, relabel)).join('/')}#${shared(state, relabel)}`;
}
