/**
 * Text rendering of states and replays: per broker its role, log (offset:epoch:write), HW, LEO,
 * flushed offset and view of the ISR; the controller's partition record; what is in flight.
 */
import { replicasOf } from '../../spec/cluster.js';
import { DATA_PARTITION, hasConsumer } from '../../spec/config.js';
import { describeAction } from '../../spec/actions/describe.js';
import { logEndOffset } from '../../spec/log.js';
import { awaitingRetry } from '../../spec/producer.js';
import type { Partition, PartitionName, PartitionView, ProducerNetwork, Replica, State } from '../../spec/types.js';
import type { ReplayResult, ReplayedStep } from '../trace/replay.js';
import type { Trace } from '../trace/trace.js';

const list = (ids: readonly number[]): string => `[${ids.map((id) => `b${id}`).join(',')}]`;

/** What a replica's broker does for its partition: down, waiting for metadata, leading or following. */
export function role(state: State, replica: Replica): string {
  const id = replica.broker;
  const fenced = state.controller.registrations[id]?.fenced ? ' fenced' : '';
  if (state.brokers[id]?.status === 'down') return `down${fenced}`;
  if (replica.view === null) return `no-metadata${fenced}`;
  if (replica.leader !== null) return `LEADER e${replica.view.leaderEpoch}${fenced}`;
  const leader = replica.view.leader === null ? 'none' : `b${replica.view.leader}`;
  return `follows ${leader} e${replica.view.leaderEpoch}${replica.awaitingEpochEnd ? ' (reconciling)' : ''}${fenced}`;
}

export function logText(replica: Replica): string {
  const start = replica.logStartOffset > 0 ? `(from ${replica.logStartOffset}) ` : '';
  const records = replica.log.map((r) => `${r.offset}:e${r.epoch}:${r.commit === undefined ? `w${r.id}` : `commit ${r.commit.offset}${r.commit.leaderEpoch === null ? '' : `@e${r.commit.leaderEpoch}`}`}`);
  return `${start}${records.length === 0 ? '-' : records.join(' ')}`;
}

function view(partition: PartitionView | null): string {
  return partition === null ? '-' : `isr ${list(partition.isr)}${partition.elr.length > 0 ? ` elr ${list(partition.elr)}` : ''}`;
}

function inFlight(partition: Partition): string[] {
  const lines: string[] = [];
  const { network } = partition;
  for (const [follower, response] of Object.entries(network.fetchResponses)) {
    if (response === null) continue;
    const body = response.diverging !== null
      ? `diverging epoch ${response.diverging.epoch ?? 'undefined'} ends at ${response.diverging.endOffset}`
      : response.outOfRange
        ? `OFFSET_OUT_OF_RANGE below log start ${response.logStartOffset}`
        : `${response.records.length} record(s) from ${response.fetchOffset}, hw ${response.hw}`;
    lines.push(`fetch b${response.leader}->b${follower} (e${response.leaderEpoch}): ${body}`);
  }
  for (const [follower, response] of Object.entries(network.epochEndResponses)) {
    if (response === null) continue;
    lines.push(`OffsetsForLeaderEpoch b${response.leader}->b${follower} (e${response.leaderEpoch}): epoch ${response.answer.epoch ?? 'undefined'} ends at ${response.answer.endOffset}`);
  }
  for (const r of network.alterPartitionRequests) lines.push(`AlterPartition b${r.from}->controller: isr ${list(r.isr)} (e${r.leaderEpoch}/p${r.partitionEpoch})`);
  for (const r of network.alterPartitionResponses) lines.push(`AlterPartition answer ->b${r.to}: ${r.accepted === null ? `rejected ${r.error ?? ''}` : `accepted isr ${list(r.accepted.isr)}`}`);
  return lines;
}

/**
 * A state as an aligned table per partition (the data partition first, then `__consumer_offsets`
 * when a consumer is modelled), each with its controller record, in-flight messages and pending
 * produces; then the consumer.
 */
export function renderState(state: State): string[] {
  const lines: string[] = [];
  for (const [name, partition] of Object.entries(state.partitions) as [PartitionName, Partition][]) {
    const rows = renderPartition(state, name, partition);
    if (name === DATA_PARTITION) lines.push(...rows);
    else lines.push(`  ${name}:`, ...rows.map((line) => `  ${line}`));
  }
  if (state.producer.network !== null) lines.push(`  producer: ${producerText(state, state.producer.network)}`);
  if (state.consumer !== null) lines.push(`  consumer: ${consumerText(state)}`);
  return lines;
}

/** Where each request the producer waits on is, and the writes awaiting a retry. */
function producerText(state: State, network: ProducerNetwork): string {
  // With several producers each write names its own.
  const several = state.config.producers > 1;
  const requests = network.requests.map((r) => {
    const w = `${several ? `p${r.producer}:` : ''}w${r.write}`;
    if (r.stage !== 'response') return r.stage === 'request' ? `${w} in flight to b${r.broker}` : `${w} held by b${r.broker} until the HW passes it`;
    return `${w} answered by b${r.broker}: ${'offset' in r.answer ? `offset ${r.answer.offset}` : r.answer.error}`;
  });
  const waiting = awaitingRetry(state);
  const parts = [...requests, ...(waiting.length > 0 ? [`awaiting a retry: ${waiting.map((w) => `w${w}`).join(', ')}`] : [])];
  return parts.length === 0 ? 'no request in flight' : parts.join('; ');
}

export function consumerText(state: State): string {
  const consumer = state.consumer;
  if (consumer === null) return '';
  const position =
    consumer.position === null ? 'no position (asks its coordinator)'
    : consumer.position === 'reset' ? 'no commit found: auto.offset.reset next'
    : consumer.position === 'failed' ? 'stopped (auto.offset.reset=none)'
    : `at offset ${consumer.position}`;
  const epochs = consumer.epochs === null ? '' : ` (epoch ${consumer.epochs.offsetEpoch}, ${consumer.epochs.leaderEpoch === null ? 'to validate' : `validated at leader epoch ${consumer.epochs.leaderEpoch}`})`;
  const w = (r: { readonly id: number; readonly offset: number }): string => `w${r.id}@${r.offset}`;
  const seen = consumer.seen.map(w).join(' ') || 'nothing';
  const polled = consumer.polled === null ? '' : `; holds ${w(consumer.polled)} unprocessed`;
  const dropped = consumer.dropped.length === 0 ? '' : `; restarts dropped ${consumer.dropped.map((d) => w(d.record)).join(' ')} unprocessed`;
  const commits = consumer.commits.map((c) => `${c.position} (${c.status})`).join(', ') || 'none';
  return `${position}${epochs}${polled}; processed ${seen}${dropped}; commits ${commits}`;
}

/** The controller's record of the partition, which brokers it has fenced, and a reassignment in progress. */
export function controllerText(state: State, partition: Partition): string {
  const p = partition.record;
  const fenced = state.controller.registrations.flatMap((r, id) => (r.fenced ? [id] : []));
  const moving = partition.reassignment;
  return (
    `controller: leader ${p.leader === null ? 'none' : `b${p.leader}`}, epoch ${p.leaderEpoch}, partition epoch ${p.partitionEpoch}, isr ${list(p.isr)}` +
    `${p.elr.length > 0 ? `, elr ${list(p.elr)}` : ''}${fenced.length > 0 ? `, fenced ${list(fenced)}` : ''}` +
    `${moving === null ? '' : `, reassigning: adding ${list(moving.adding)}, removing ${list(moving.removing)}`}`
  );
}

/** The produce attempts still waiting for acks=all on a partition: the producer's writes, or the consumer's commits. */
function pendingOn(state: State, name: PartitionName): string[] {
  // The producer's requests over the network have a line of their own.
  const attempts = [...(state.producer.network === null ? state.producer.attempts : []), ...(state.consumer?.commits ?? [])];
  return attempts.filter((a) => a.partition === name && a.status === 'pending').map((a) => `w${a.id}`);
}

function renderPartition(state: State, name: PartitionName, partition: Partition): string[] {
  const rows = replicasOf(partition).map((replica) => [
    `b${replica.broker}`,
    role(state, replica),
    logText(replica),
    `hw ${replica.hw}`,
    `leo ${logEndOffset(replica)}`,
    `flushed ${replica.flushed}`,
    `ckpt ${replica.hwCheckpoint}`,
    view(replica.view),
  ]);
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const lines = rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
  lines.unshift(`  ${controllerText(state, partition)}`);
  for (const message of inFlight(partition)) lines.push(`  in flight: ${message}`);
  const pending = pendingOn(state, name);
  if (pending.length > 0) lines.push(`  waiting for acks=all: ${pending.join(', ')}`);
  return lines;
}

function outcome(state: State, action: ReplayedStep['action']): string {
  if (action.kind !== 'producerSend') return '';
  const attempt = state.producer.attempts.at(-1);
  if (attempt === undefined) return '';
  if (attempt.status === 'acknowledged') return ` -> w${attempt.id} acknowledged${attempt.offset === null ? '' : ` at offset ${attempt.offset}`}`;
  return attempt.status === 'failed' ? ` -> w${attempt.id} failed: ${attempt.error}` : ` -> w${attempt.id} appended, waiting`;
}

export function renderStep(replayed: ReplayedStep): string[] {
  const head = `step ${replayed.index}: ${describeAction(replayed.action)}`;
  if (replayed.state === undefined) return [head, `  NOT ENABLED: ${replayed.refused ?? ''}`];
  return [
    head + outcome(replayed.state, replayed.action),
    ...renderState(replayed.state),
    ...replayed.violations.map((v) => `  !! ${v.invariant}: ${v.message}`),
  ];
}

export function renderReplay(file: string, trace: Trace, result: ReplayResult): string {
  const c = trace.config;
  const header = [
    `trace ${file}`,
    trace.story === '' ? null : `story: ${trace.story}`,
    trace.source === undefined ? null : `source: ${trace.source}`,
    `era ${c.era}; brokers ${c.brokers}, rf ${c.replicationFactor}, min.insync.replicas ${c.minInsyncReplicas}, acks ${c.acks}, ` +
      `unclean ${c.uncleanLeaderElection}, flush ${c.flushIntervalMessages ?? 'os'}${c.withoutFixes.length > 0 ? `, without ${c.withoutFixes.join(' ')}` : ''}` +
      (hasConsumer(c) ? `; offsets rf ${c.offsetsTopicReplicationFactor} on ${list(c.offsetsTopicAssignment)}, auto.offset.reset ${c.autoOffsetReset}` : ''),
    'initial state:',
    ...renderState(result.initial),
  ].filter((line): line is string => line !== null);
  const body = result.steps.flatMap(renderStep);
  const summary = result.firstViolations.map((v) => `violated: ${v.invariant} at step ${v.step}: ${v.message}`);
  const judged = result.judgements.map((j) => `judged: ${j.invariant}: ${j.judged === 'broken' ? 'BROKEN PROMISE' : 'allowed'}: ${j.reason}`);
  return [...header, ...body, ...summary, ...judged, `verdict: ${result.verdict}`].join('\n');
}
