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
  LeaderState,
  LogRecord,
  Partition,
  PartitionView,
  ProduceAttempt,
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
  for (const r of log) text += `${r.offset}.${r.epoch}.${r.id} `;
  return text;
}

/** A set of brokers, relabelled and sorted. */
function brokerSet(ids: readonly BrokerId[], labels: Labels): string {
  if (ids.length <= 1) return ids.length === 0 ? '' : lab(labels, ids[0] ?? null);
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
  return `${b.status === 'running' ? 'R' : 'D'}|${b.brokerEpoch}|${b.cleanShutdownEpoch === b.brokerEpoch ? 'c' : 'u'}|${b.lostPower ? 'p' : ''}|${registered}`;
}

/** What one replica holds that names no other broker. */
function replicaLocal(r: Replica): string {
  let epochs = '';
  for (const e of r.epochs) epochs += `${e.epoch}.${e.startOffset} `;
  return `${r.logStartOffset}|${records(r.log)}|${epochs}|${r.hw}|${r.flushed}|${r.hwCheckpoint}|${r.awaitingEpochEnd ? 'a' : ''}`;
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
        `w${leader.delayedProduces.map((d) => `${d.id}.${d.offset}${d.from[0]}`).join(',')}`;
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

/** What no broker owns and that names brokers: each partition's controller record and AlterPartition traffic. */
function shared(partitions: readonly Partition[], labels: Labels): string {
  let text = '';
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
function unlabelled(state: State, partitions: readonly Partition[]): string {
  let text = '';
  for (const { ghost, shrinks } of partitions) {
    text += `${ghost.exposed.map((r) => `${r.offset}.${r.id}`).join(' ')}#${ghost.forfeited.join(' ')}#${ghost.deletedUncommitted.join(' ')}#${ghost.cleanLeader ? 'c' : 'u'}#${shrinks}+`;
  }
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

function render(state: State, partitions: readonly Partition[], locals: readonly string[], ranked: readonly BrokerId[], fixed: string): string {
  const labels: string[] = [];
  ranked.forEach((id, index) => {
    labels[id] = String(index);
  });
  return `${ranked.map((id) => `${locals[id]}|${references(state.brokers[id] as Broker, partitions, labels)}`).join('/')}#${shared(partitions, labels)}#${fixed}`;
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
  const fixed = unlabelled(state, partitions);
  if (!symmetric) {
    const own = brokers.map((b) => String(b.id));
    return `${brokers.map((b, i) => `${locals[i]}|${references(b, partitions, own)}`).join('/')}#${shared(partitions, own)}#${fixed}`;
  }
  const hosts: BrokerId[] = [];
  const idle: BrokerId[] = [];
  for (const b of brokers) (partitions.some((p) => p.replicas[b.id] !== undefined) ? hosts : idle).push(b.id);
  let least: string | null = null;
  for (const order of orderings(hosts, locals)) {
    const view = render(state, partitions, locals, [...order, ...idle], fixed);
    if (least === null || view < least) least = view;
  }
  return least ?? '';
}
