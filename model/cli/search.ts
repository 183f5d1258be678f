/**
 * What the two searches, `check` and `explore`, share: the configuration as they print it, choosing
 * invariants, judging a violation against Kafka's promise, and saving and showing a finding.
 */
import { join } from 'node:path';
import { hasConsumer, type Config } from '../../spec/config.js';
import { rulesOf } from '../../spec/eras/index.js';
import { producesOverNetwork } from '../../spec/producer.js';
import { MAX_RETRIES } from '../../spec/producer-settings.js';
import { INVARIANT_NAMES, INVARIANTS, invariantNamed, type Invariant } from '../../properties/index.js';
import type { Judgement } from '../../properties/judge.js';
import type { OptionSpec } from '../config/command.js';
import { renderReplay } from '../render/render.js';
import { findingTrace, type Found } from '../trace/finding.js';
import { replayTrace } from '../trace/replay.js';
import { saveTrace, type SaveResult, type Violation } from '../trace/trace.js';

/** The repository's saved counterexamples: where findings go unless `--out` says otherwise. */
export const COUNTEREXAMPLES = join(import.meta.dirname, '..', '..', 'counterexamples');

/** Where `__consumer_offsets` sits, when not on the first brokers. */
function offsetsPlacement(config: Config): string {
  const ids = config.offsetsTopicAssignment;
  return ids.some((broker, index) => broker !== index) ? ` on ${ids.map((broker) => `b${broker}`).join(', ')}` : '';
}

/** One line describing a configuration, as every command prints it, and one for its budgets. */
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
      (config.withoutFixes.length > 0 ? `; without ${config.withoutFixes.join(', ')}` : '') +
      (config.scenario === null ? '' : `; scenario ${config.scenario}${config.waitForIsr ? ', waiting for the ISR' : ', not waiting for the ISR'}`),
    `budgets: records ${b.records}, crashes ${b.crashes}, power-losses ${b.powerLosses}, fences ${b.fences}, shutdowns ${b.shutdowns}, shrinks ${b.shrinks}, ` +
      `commits ${b.commits}, consumer-restarts ${b.consumerRestarts}, retention ${b.retention}, unclean-elections ${b.uncleanElections}, leader-moves ${b.leaderMoves}, disk-losses ${b.diskLosses}, reassignments ${b.reassignments}, retries ${b.retries}`,
    describeProducer(config),
  ];
}

/** The producer's delivery settings as its era's client resolves them, and whether its requests travel the network. */
function describeProducer(config: Config): string {
  const p = rulesOf(config).producer;
  const retries = p.retries === MAX_RETRIES ? `${MAX_RETRIES} (Integer.MAX_VALUE)` : String(p.retries);
  const network = producesOverNetwork(config) ? 'requests and answers travel the network' : 'each produce is one step (no retries budget)';
  const count = config.producers === 1 ? 'producer' : `${config.producers} producers`;
  return `${count}: enable.idempotence ${p.idempotence} (${p.why}), retries ${retries}, max.in.flight.requests.per.connection ${p.maxInFlight}; ${network}`;
}

/** The flags every search (check, explore) takes besides the configuration. */
export const FINDING_OPTIONS: readonly OptionSpec[] = [
  { flags: '--out <dir>', description: 'where a finding is saved (a folder; never over an existing file)', defaultText: "the repository's counterexamples/" },
  { flags: '--invariant <name>', description: 'check only this invariant (repeatable)', defaultText: 'all', repeatable: true, choices: INVARIANT_NAMES },
  { flags: '--json', description: 'print one JSON summary object on stdout instead of the report (progress stays on stderr)', default: false },
];

/** The invariants named (each already one of the known ones), or all of them. */
export function selectInvariants(names: readonly string[] | undefined): Invariant[] {
  return names === undefined || names.length === 0 ? [...INVARIANTS] : names.map(invariantNamed);
}

export function describeInvariants(invariants: readonly Invariant[]): string {
  return `invariants: ${invariants.length === INVARIANTS.length ? `all (${invariants.length})` : invariants.map((i) => i.name).join(', ')}`;
}

/** The verdict line: a broken promise, or a loss the run excuses (properties/judgement.ts), naming the excuse. */
export function verdictLine(violation: Violation, { judged, reason }: Judgement): string {
  return judged === 'broken'
    ? `verdict: BROKEN PROMISE: ${violation.invariant} fails, ${reason}`
    : `verdict: ${violation.invariant} violated: ${invariantNamed(violation.invariant).promised === 'delivery' ? 'allowed by the producer\'s settings' : 'loss allowed'}: ${reason}`;
}

/** A finding, saved, as `--json` reports it. */
export interface FindingSummary {
  readonly invariant: string;
  readonly step: number;
  readonly message: string;
  readonly steps: number;
  readonly judged: Judgement['judged'];
  readonly reason: string;
  readonly file: string;
  readonly created: boolean;
}

/**
 * Saves a finding (once), judges it on its replayed run (the steps of its story named), and prints (unless `quiet`) where it was
 * saved, how to replay it, the verdict and its step table.
 */
export function saveAndShow(out: (line: string) => void, dir: string, config: Config, found: Found, invariants: readonly Invariant[], quiet = false): FindingSummary {
  const trace = findingTrace(config, found);
  const saved: SaveResult = saveTrace(dir, trace);
  const replayed = replayTrace(trace, invariants);
  const judgement = replayed.judgements.find((j) => j.invariant === found.violation.invariant);
  if (judgement === undefined) throw new Error(`the finding does not replay to ${found.violation.invariant}`);
  if (!quiet) {
    out(verdictLine(found.violation, judgement));
    out(saved.created ? `saved: ${saved.file}` : `already saved as ${saved.file} (same config and steps)`);
    out(`replay: npm run replay -- ${saved.file}`);
    out('');
    out(renderReplay(saved.file, trace, replayed));
  }
  return { ...found.violation, steps: found.steps.length, ...judgement, file: saved.file, created: saved.created };
}
