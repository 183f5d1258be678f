/**
 * `npm run replay -- FILE... [--json] [--itf OUT] [--svg OUT] [--force]`: re-derives every state of each
 * trace, prints the step table, every invariant violated and at which step, and the verdict.
 */
import type { State } from '../../spec/types.js';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { outputFile, writeOutput } from '../config/output.js';
import { UsageError } from '../config/usage.js';
import { renderReplay } from '../render/render.js';
import { MAX_PICTURE_STEPS, traceSvg } from '../render/svg.js';
import { itfText } from '../trace/itf.js';
import { replayTrace, type ReplayResult } from '../trace/replay.js';
import { loadTrace, TraceError, type Trace } from '../trace/trace.js';

const REPLAY: CommandSpec = {
  name: 'replay',
  summary: 'Replays saved or hand-written traces: every state recomputed, the invariants checked after every step, the verdict compared with the one the trace records or expects.',
  arguments: '<trace...>',
  options: [
    { flags: '--json', description: 'print the replay (every step with its state) as JSON instead of the table', default: false },
    { flags: '--itf <file>', description: 'also write the replayed states in the Informal Trace Format of Apalache and Quint (one trace)' },
    { flags: '--svg <file>', description: `also draw the trace as an SVG picture (one trace, at most ${MAX_PICTURE_STEPS} steps)` },
    { flags: '--force', description: 'replace an existing --itf or --svg file', default: false },
  ],
  examples: [
    'npm run replay -- counterexamples/kafka-7128.json',
    'npm run replay -- counterexamples/kafka-7128.json --svg kafka-7128.svg --itf kafka-7128.itf.json',
    'npm run replay -- my-scenario.json --json',
  ],
  exits: '0 every trace reproduces its recorded or expected verdict (one that states none: no step was refused); 1 one diverges',
};

/** A replay as `--json` prints it: the trace, the verdict, and every state. */
function replayJson(file: string, trace: Trace, result: ReplayResult): unknown {
  return {
    file,
    config: trace.config,
    story: trace.story,
    expected: result.expected,
    reproduced: result.reproduced,
    verdict: result.verdict,
    violations: result.firstViolations,
    initial: result.initial,
    steps: result.steps.map((s) => ({ index: s.index, action: s.action, refused: s.refused ?? null, violations: s.violations, state: (s.state ?? null) satisfies State | null })),
  };
}

/** An output file of one trace's replay: checked (and refused if it exists) before anything is replayed. */
function oneTraceOutput(flag: string, value: unknown, traces: number, force: boolean): string | null {
  if (typeof value !== 'string') return null;
  if (traces !== 1) throw new UsageError(`${flag}: give exactly one trace file`);
  return outputFile(flag, userPath(value), force);
}

function run(args: readonly string[]): number {
  const parsed = parseCommand(REPLAY, args);
  if (parsed === null) return 0;
  const { values } = parsed;
  const files = parsed.args.map(userPath);
  const force = values.force === true;
  const itf = oneTraceOutput('--itf', values.itf, files.length, force);
  const svg = oneTraceOutput('--svg', values.svg, files.length, force);
  const loaded = files.map((file) => ({ file, trace: loadTrace(file) }));
  const first = loaded[0];
  if (svg !== null && first !== undefined && first.trace.steps.length > MAX_PICTURE_STEPS) {
    throw new UsageError(`--svg: the trace has ${first.trace.steps.length} steps; a picture is drawn of at most ${MAX_PICTURE_STEPS}`);
  }
  const results = loaded.map(({ file, trace }) => ({ file, trace, result: replayTrace(trace) }));
  const one = results[0];
  if (itf !== null && one !== undefined) writeOutput('--itf', itf, itfText(one.trace, one.result), force);
  if (svg !== null && one !== undefined) writeOutput('--svg', svg, traceSvg(one.trace, one.result), force);
  if (values.json === true) {
    const json = results.map(({ file, trace, result }) => replayJson(file, trace, result));
    process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
  } else {
    process.stdout.write(`${results.map(({ file, trace, result }) => renderReplay(file, trace, result)).join('\n\n')}\n`);
  }
  return results.every(({ result }) => result.reproduced) ? 0 : 1;
}

await main(() => run(process.argv.slice(2)), (error) => error instanceof TraceError);
