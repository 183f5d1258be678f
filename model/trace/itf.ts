/**
 * Export of a replayed trace to ITF, the Informal Trace Format of Apalache and Quint
 * (https://apalache-mc.org/docs/adr/015adr-trace.html), so existing trace viewers can show it. States
 * are the recomputed ones; no-leader and unknown values are Kafka's -1; integers are #bigint.
 */
import { describeAction } from '../../spec/actions/describe.js';
import { logEndOffset } from '../../spec/log.js';
import type { Consumer, Partition, PartitionView, ProduceAttempt, State } from '../../spec/types.js';
import { replicasOf } from '../../spec/cluster.js';
import type { ReplayResult } from './replay.js';
import type { Trace } from './trace.js';

type Itf = string | boolean | { '#bigint': string } | { '#set': Itf[] } | Itf[] | { [key: string]: Itf };

const int = (n: number | null): Itf => ({ '#bigint': String(n ?? -1) });
const set = (ids: readonly number[]): Itf => ({ '#set': ids.map(int) });

function partition(view: PartitionView | null): Itf {
  return {
    leader: int(view?.leader ?? null),
    leaderEpoch: int(view?.leaderEpoch ?? null),
    partitionEpoch: int(view?.partitionEpoch ?? null),
    isr: set(view?.isr ?? []),
    elr: set(view?.elr ?? []),
  };
}

/** One partition: its assignment, the controller's record and its replicas. */
function replication(p: Partition): Itf {
  return {
    assignment: p.assignment.map(int),
    controller: partition(p.record),
    replicas: replicasOf(p).map((r) => ({
      broker: int(r.broker),
      logStartOffset: int(r.logStartOffset),
      log: r.log.map((record) => ({ offset: int(record.offset), epoch: int(record.epoch), id: int(record.id), commit: int(record.commit?.offset ?? null), commitEpoch: int(record.commit?.leaderEpoch ?? null) })),
      leo: int(logEndOffset(r)),
      hw: int(r.hw),
      flushed: int(r.flushed),
      hwCheckpoint: int(r.hwCheckpoint),
      view: partition(r.view),
      leads: r.leader !== null,
    })),
  };
}

function attempt(a: ProduceAttempt): Itf {
  return { id: int(a.id), partition: a.partition, acks: String(a.acks), status: a.status, offset: int(a.status === 'acknowledged' ? a.offset : null) };
}

/** The consumer: its position (-1 for none, -2 to reset, -3 stopped), what it processed, its commits. */
function consumer(c: Consumer): Itf {
  const position = typeof c.position === 'number' ? c.position : c.position === null ? -1 : c.position === 'reset' ? -2 : -3;
  return {
    position: int(position),
    processed: c.seen.map((r) => int(r.id)),
    commits: c.commits.map((commit) => ({ ...(attempt(commit) as Record<string, Itf>), position: int(commit.position) })),
  };
}

function itfState(state: State, action: string, violations: readonly string[], index: number): Record<string, Itf> {
  return {
    '#meta': { index: int(index) },
    action,
    brokers: state.brokers.map((b) => ({ id: int(b.id), status: b.status, brokerEpoch: int(b.brokerEpoch), lostPower: b.lostPower })),
    fenced: set(state.controller.registrations.flatMap((r, id) => (r.fenced ? [id] : []))),
    partitions: Object.fromEntries(Object.entries(state.partitions).map(([name, p]) => [name, replication(p)])),
    attempts: state.producer.attempts.map(attempt),
    ...(state.consumer === null ? {} : { consumer: consumer(state.consumer) }),
    violations: { '#set': [...violations] },
  };
}

/** The replayed states, one at a time: a long trace is written without ever holding all of them as text. */
function* itfStates(result: ReplayResult): Generator<Record<string, Itf>> {
  yield itfState(result.initial, 'init', [], 0);
  for (const s of result.steps) {
    if (s.state === undefined) return;
    yield itfState(s.state, describeAction(s.action), s.violations.map((v) => v.invariant), s.index + 1);
  }
}

function header(trace: Trace, result: ReplayResult): Record<string, Itf> {
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      description: trace.story,
    },
    vars: ['action', 'brokers', 'fenced', 'partitions', 'attempts', ...(result.initial.consumer === null ? [] : ['consumer']), 'violations'],
  };
}

export function toItf(trace: Trace, result: ReplayResult): Record<string, Itf> {
  return { ...header(trace, result), states: [...itfStates(result)] };
}

/**
 * The ITF document as pieces of text, a state per piece (the same JSON as `toItf`, one state per line),
 * so a trace of any length is written piece by piece.
 */
export function* itfText(trace: Trace, result: ReplayResult): Generator<string> {
  yield `${JSON.stringify(header(trace, result)).slice(0, -1)},"states":[\n`;
  let first = true;
  for (const state of itfStates(result)) {
    yield `${first ? '' : ',\n'}${JSON.stringify(state)}`;
    first = false;
  }
  yield '\n]}\n';
}
