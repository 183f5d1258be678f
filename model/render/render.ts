/**
 * Text rendering of states and replays: per broker its role, log (offset:epoch:write), HW, LEO,
 * flushed offset and view of the ISR; the controller's partition record; what is in flight.
 */
import { hasConsumer } from '../../spec/config.js';
import { describeAction } from '../../spec/describe.js';
import { logEndOffset } from '../../spec/log.js';
import type { Broker, PartitionState, PartitionView, State } from '../../spec/types.js';
import type { ReplayResult, ReplayedStep } from '../trace/replay.js';
import type { Trace } from '../trace/trace.js';

const list = (ids: readonly number[]): string => `[${ids.map((id) => `b${id}`).join(',')}]`;

export function role(state: PartitionState, broker: Broker): string {
  const fenced = state.controller.registrations[broker.id]?.fenced ? ' fenced' : '';
  if (broker.status === 'down') return `down${fenced}`;
  if (broker.view === null) return `no-metadata${fenced}`;
  if (broker.leader !== null) return `LEADER e${broker.view.leaderEpoch}${fenced}`;
  const leader = broker.view.leader === null ? 'none' : `b${broker.view.leader}`;
  return `follows ${leader} e${broker.view.leaderEpoch}${broker.awaitingEpochEnd ? ' (reconciling)' : ''}${fenced}`;
}

export function logText(broker: Broker): string {
  const start = broker.logStartOffset > 0 ? `(from ${broker.logStartOffset}) ` : '';
  const records = broker.log.map((r) => `${r.offset}:e${r.epoch}:${r.commit === undefined ? `w${r.id}` : `commit ${r.commit}`}`);
  return `${start}${records.length === 0 ? '-' : records.join(' ')}`;
}

function view(partition: PartitionView | null): string {
  return partition === null ? '-' : `isr ${list(partition.isr)}${partition.elr.length > 0 ? ` elr ${list(partition.elr)}` : ''}`;
}

function inFlight(state: PartitionState): string[] {
  const lines: string[] = [];
  state.network.fetchResponses.forEach((response, follower) => {
    if (response === null) return;
    const body = response.diverging !== null
      ? `diverging epoch ${response.diverging.epoch ?? 'undefined'} ends at ${response.diverging.endOffset}`
      : response.outOfRange
        ? `OFFSET_OUT_OF_RANGE below log start ${response.logStartOffset}`
        : `${response.records.length} record(s) from ${response.fetchOffset}, hw ${response.hw}`;
    lines.push(`fetch b${response.leader}->b${follower} (e${response.leaderEpoch}): ${body}`);
  });
  state.network.epochEndResponses.forEach((response, follower) => {
    if (response === null) return;
    lines.push(`OffsetsForLeaderEpoch b${response.leader}->b${follower} (e${response.leaderEpoch}): epoch ${response.answer.epoch ?? 'undefined'} ends at ${response.answer.endOffset}`);
  });
  for (const r of state.network.alterPartitionRequests) lines.push(`AlterPartition b${r.from}->controller: isr ${list(r.isr)} (e${r.leaderEpoch}/p${r.partitionEpoch})`);
  for (const r of state.network.alterPartitionResponses) lines.push(`AlterPartition answer ->b${r.to}: ${r.accepted === null ? `rejected ${r.error ?? ''}` : `accepted isr ${list(r.accepted.isr)}`}`);
  return lines;
}

/**
 * A state as an aligned table plus the controller, in-flight messages and pending produces; then the
 * same for `__consumer_offsets`, and the consumer, when they are modelled.
 */
export function renderState(state: State): string[] {
  const lines = renderPartition(state);
  if (state.offsetsTopic !== null) lines.push('  __consumer_offsets:', ...renderPartition(state.offsetsTopic).map((line) => `  ${line}`));
  if (state.consumer !== null) lines.push(`  consumer: ${consumerText(state)}`);
  return lines;
}

export function consumerText(state: State): string {
  const consumer = state.consumer;
  if (consumer === null) return '';
  const position =
    consumer.position === null ? 'no position (asks its coordinator)'
    : consumer.position === 'reset' ? 'no commit found: auto.offset.reset next'
    : consumer.position === 'failed' ? 'stopped (auto.offset.reset=none)'
    : `at offset ${consumer.position}`;
  const seen = consumer.seen.map((r) => `w${r.id}@${r.offset}`).join(' ') || 'nothing';
  const attempts = state.offsetsTopic?.ghost.attempts ?? [];
  const commits = consumer.commits.map((c) => `${c.offset} (${attempts[c.attempt]?.status ?? '?'})`).join(', ') || 'none';
  return `${position}; processed ${seen}; commits ${commits}`;
}

/** The controller's record of the partition, and which brokers it has fenced. */
export function controllerText(state: PartitionState): string {
  const p = state.controller.partition;
  const fenced = state.controller.registrations.flatMap((r, id) => (r.fenced ? [id] : []));
  return (
    `controller: leader ${p.leader === null ? 'none' : `b${p.leader}`}, epoch ${p.leaderEpoch}, partition epoch ${p.partitionEpoch}, isr ${list(p.isr)}` +
    `${p.elr.length > 0 ? `, elr ${list(p.elr)}` : ''}${fenced.length > 0 ? `, fenced ${list(fenced)}` : ''}`
  );
}

function renderPartition(state: PartitionState): string[] {
  const rows = state.brokers.slice(0, state.config.replicationFactor).map((broker) => [
    `b${broker.id}`,
    role(state, broker),
    logText(broker),
    `hw ${broker.hw}`,
    `leo ${logEndOffset(broker)}`,
    `flushed ${broker.flushed}`,
    `ckpt ${broker.hwCheckpoint}`,
    view(broker.view),
  ]);
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const lines = rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
  lines.unshift(`  ${controllerText(state)}`);
  for (const message of inFlight(state)) lines.push(`  in flight: ${message}`);
  const pending = state.ghost.attempts.filter((a) => a.status === 'pending').map((a) => `w${a.id}`);
  if (pending.length > 0) lines.push(`  waiting for acks=all: ${pending.join(', ')}`);
  return lines;
}

function outcome(state: State, action: ReplayedStep['action']): string {
  if (action.kind !== 'producerSend') return '';
  const attempt = state.ghost.attempts[state.ghost.attempts.length - 1];
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
      (hasConsumer(c) ? `; offsets rf ${c.offsetsTopicReplicationFactor}, auto.offset.reset ${c.autoOffsetReset}` : ''),
    'initial state:',
    ...renderState(result.initial),
  ].filter((line): line is string => line !== null);
  const body = result.steps.flatMap(renderStep);
  const summary = result.firstViolations.map((v) => `violated: ${v.invariant} at step ${v.step}: ${v.message}`);
  return [...header, ...body, ...summary, `verdict: ${result.verdict}`].join('\n');
}
