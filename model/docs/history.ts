/**
 * docs/history.md: one section per bug Kafka had, with the story in plain words, the saved trace as a
 * step table, the commands that reproduce it, and which era or fix closes it. Generated from
 * model/verdicts/verdicts.ts and counterexamples/ by `npm run docs`, and checked up to date by the tests.
 */
import { basename, join } from 'node:path';
import { describeAction } from '../../spec/actions/describe.js';
import type { State } from '../../spec/types.js';
import { dataPartition, replicasOf } from '../../spec/cluster.js';
import { configFromArgs } from '../config/flags.js';
import { traceSvg } from '../render/svg.js';
import { expectation, replayTrace } from '../trace/replay.js';
import { tracesIn, type Trace } from '../trace/trace.js';
import { KNOWN_BUGS, verdictRow, type VerdictRow } from '../verdicts/verdicts.js';

/** The trace file a bug's present row is shown by: named in the row, or a saved finding of its config. */
export type TraceIndex = (row: VerdictRow) => { file: string; trace: Trace } | undefined;

const COUNTEREXAMPLES = join(import.meta.dirname, '..', '..', 'counterexamples');

/**
 * Finds the saved trace that shows a verdict row: the file the row names, else a saved finding with
 * the row's configuration that violates the row's invariant.
 */
export function savedTraceIndex(dir = COUNTEREXAMPLES): TraceIndex {
  const saved = tracesIn(dir).map(({ file, trace }) => ({ file: `counterexamples/${file.slice(dir.length + 1)}`, trace }));
  return (row) => {
    if (row.trace !== undefined) return saved.find(({ file }) => file.endsWith(`/${row.trace}`));
    const config = JSON.stringify(configFromArgs(row.flags));
    return saved.find(({ trace }) => JSON.stringify(trace.config) === config && expectation(trace)?.invariant === row.invariant);
  };
}

function logs(state: State): string {
  return replicasOf(dataPartition(state))
    .map((r) => `b${r.broker}${state.brokers[r.broker]?.status === 'down' ? '(down)' : ''}: ${r.log.map((record) => `w${record.id}e${record.epoch}`).join(' ') || '-'}`)
    .join('; ');
}

function stepTable(trace: Trace): string {
  const result = replayTrace(trace);
  const rows = result.steps.map((s) => {
    const state = s.state;
    const record = state === undefined ? undefined : dataPartition(state).record;
    const leader = record?.leader ?? null;
    const violations = s.violations.map((v) => `**${v.invariant}**`).join(', ');
    return `| ${s.index} | \`${describeAction(s.action)}\` | ${leader === null ? 'none' : `b${leader}`} e${record?.leaderEpoch ?? '?'} | ${state === undefined ? '' : logs(state)} | ${violations} |`;
  });
  return ['| # | step | leader, epoch | logs after the step | violated |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Where the picture of a saved trace goes, relative to docs/. */
function picturePath(file: string): string {
  return `pictures/${basename(file, '.json')}.svg`;
}

/** The pictures docs/history.md embeds: one per bug with a saved trace, paths relative to docs/. */
export function historyPictures(index: TraceIndex): { path: string; svg: string }[] {
  return KNOWN_BUGS.flatMap((bug) => {
    const saved = index(verdictRow(bug.present));
    return saved === undefined ? [] : [{ path: picturePath(saved.file), svg: traceSvg(saved.trace, replayTrace(saved.trace)) }];
  });
}

/** The command that settles a row: random runs with its seed, or the exhaustive explorer. */
function command(row: VerdictRow): string {
  const flags = [...row.flags, '--invariant', row.invariant];
  return row.check === undefined
    ? `npm run explore -- ${flags.join(' ')}`
    : `npm run check -- ${[...flags, '--seed', String(row.check.seed), '--runs', String(row.check.runs)].join(' ')}`;
}

export function historyDocument(index: TraceIndex): string {
  const sections = KNOWN_BUGS.map((bug) => {
    const present = verdictRow(bug.present);
    const saved = index(present);
    const fixed = bug.fixed.map(verdictRow);
    return [
      `## ${bug.title}`,
      '',
      bug.story,
      '',
      `Closed by: ${bug.closedBy}. Source: ${bug.source}`,
      '',
      `Present (${present.claim}; exit 1): \`${command(present)}\``,
      '',
      ...fixed.map((row) => `${row.expected === 'holds' ? 'Fixed' : 'Still allowed'} (${row.claim}; exit ${row.expected === 'holds' ? 0 : 1}): \`${command(row)}\``),
      '',
      saved === undefined
        ? '_No saved trace yet._'
        : [
            `The saved trace, \`${saved.file}\` (replay it with \`npm run replay -- ${saved.file}\`, or draw it with \`--svg\`):`,
            '',
            `![${bug.title}, step by step](${picturePath(saved.file)})`,
            '',
            stepTable(saved.trace),
          ].join('\n'),
    ].join('\n');
  });
  return [
    '# Kafka’s history, replayed',
    '',
    'Each section is a data-loss or divergence bug Kafka really had, the price of a setting, or what a guard prevents:',
    'the model reproduces it in the era that had it (or with its fix or guard removed, or under the setting) and',
    'finds nothing once the fix is in or the setting changed. Generated by `npm run docs` from',
    '`model/verdicts/verdicts.ts` and `counterexamples/`; the test suite enforces every row and replays every trace.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}
