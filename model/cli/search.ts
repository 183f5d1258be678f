/**
 * What the two searches, `check` and `explore`, share: the configuration as they print it, choosing
 * invariants, judging a violation against Kafka's promise, and saving and showing a finding.
 */
import { hasConsumer, type Config } from '../../spec/config.js';
import type { State } from '../../spec/types.js';
import { INVARIANTS, invariantNamed, type Invariant } from '../../properties/index.js';
import { judge } from '../../properties/judge.js';
import { UsageError } from '../config/usage.js';
import { renderReplay } from '../render/render.js';
import { findingTrace, type Found } from '../trace/finding.js';
import { replayTrace } from '../trace/replay.js';
import { saveTrace, type Violation } from '../trace/trace.js';

/** One line describing a configuration, as every command prints it. */
/** Where `__consumer_offsets` sits, when not on the first brokers. */
function offsetsPlacement(config: Config): string {
  const ids = config.offsetsTopicAssignment;
  return ids.some((broker, index) => broker !== index) ? ` on ${ids.map((broker) => `b${broker}`).join(', ')}` : '';
}

export function describeConfig(config: Config): string[] {
  const b = config.budgets;
  return [
    `config: era ${config.era}; brokers ${config.brokers}, replication.factor ${config.replicationFactor}, ` +
      `min.insync.replicas ${config.minInsyncReplicas}, acks ${config.acks}, unclean.leader.election.enable ${config.uncleanLeaderElection}, ` +
      `log.flush.interval.messages ${config.flushIntervalMessages ?? '(OS default, lazy)'}` +
      (hasConsumer(config)
        ? `; offsets.topic.replication.factor ${config.offsetsTopicReplicationFactor}${offsetsPlacement(config)}, auto.offset.reset ${config.autoOffsetReset}`
        : '; no consumer') +
      (config.budgets.retention > 0 ? `; segments of ${config.segmentRecords} record${config.segmentRecords === 1 ? '' : 's'}` : '') +
      (config.withoutFixes.length > 0 ? `; without ${config.withoutFixes.join(', ')}` : ''),
    `budgets: records ${b.records}, crashes ${b.crashes}, power-losses ${b.powerLosses}, fences ${b.fences}, shutdowns ${b.shutdowns}, shrinks ${b.shrinks}, ` +
      `commits ${b.commits}, consumer-restarts ${b.consumerRestarts}, retention ${b.retention}`,
  ];
}

/** The flags every finding command takes besides the configuration. */
export const FINDING_OPTIONS = {
  out: { type: 'string', default: 'counterexamples' },
  invariant: { type: 'string', multiple: true },
} as const;

export function selectInvariants(names: readonly string[] | undefined): Invariant[] {
  if (names === undefined || names.length === 0) return [...INVARIANTS];
  return names.map((name) => {
    try {
      return invariantNamed(name);
    } catch (error) {
      throw new UsageError(`--invariant: ${(error as Error).message}`);
    }
  });
}

export function describeInvariants(invariants: readonly Invariant[]): string {
  return `invariants: ${invariants.length === INVARIANTS.length ? `all (${invariants.length})` : invariants.map((i) => i.name).join(', ')}`;
}

/** The verdict line: a broken promise, or loss the configuration allows, judged on the run's faults. */
export function verdictLine(config: Config, violation: Violation, state: State): string {
  const { judged, reason } = judge(config, violation.invariant, state);
  return judged === 'broken'
    ? `verdict: BROKEN PROMISE: ${violation.invariant} fails, ${reason}`
    : `verdict: ${violation.invariant} violated: loss allowed by the configuration (${reason})`;
}

/** Saves a finding (once) and prints where, how to replay it, and its step table. */
export function saveAndShow(out: (line: string) => void, dir: string, config: Config, found: Found, invariants: readonly Invariant[]): void {
  const trace = findingTrace(config, found);
  const saved = saveTrace(dir, trace);
  out(saved.created ? `saved: ${saved.file}` : `already saved as ${saved.file} (same config and steps)`);
  out(`replay: npm run replay -- ${saved.file}`);
  out('');
  out(renderReplay(saved.file, trace, replayTrace(trace, invariants)));
}
