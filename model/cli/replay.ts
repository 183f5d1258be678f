/**
 * `npm run replay -- FILE... [--json] [--itf OUT] [--svg OUT]`: re-derives every state of each trace, prints the
 * step table, every invariant violated and at which step, and the verdict. Exit 0 when every file
 * reproduces its recorded or expected verdict (a file with none: when no step was refused), 1 when one
 * diverges, 2 on bad input (a malformed file: one error naming the file and the field).
 */
import { writeFileSync } from 'node:fs';
import { toItf } from '../trace/itf.js';
import { replayTrace } from '../trace/replay.js';
import { renderReplay } from '../render/render.js';
import { traceSvg } from '../render/svg.js';
import { loadTrace, TraceError } from '../trace/trace.js';
import { main, parse, UsageError } from '../config/usage.js';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  itf: { type: 'string' },
  svg: { type: 'string' },
} as const;

function run(args: readonly string[]): number {
  const { values, positionals } = parse(args, OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('replay: give at least one trace file');
  const itf = values.itf as string | undefined;
  if (itf !== undefined && positionals.length !== 1) throw new UsageError('--itf: give exactly one trace file');
  const svg = values.svg as string | undefined;
  if (svg !== undefined && positionals.length !== 1) throw new UsageError('--svg: give exactly one trace file');
  const loaded = positionals.map((file) => ({ file, trace: loadTrace(file) }));
  const results = loaded.map(({ file, trace }) => ({ file, trace, result: replayTrace(trace) }));
  if (itf !== undefined && results[0] !== undefined) writeFileSync(itf, `${JSON.stringify(toItf(results[0].trace, results[0].result), null, 1)}\n`);
  if (svg !== undefined && results[0] !== undefined) writeFileSync(svg, traceSvg(results[0].trace, results[0].result));
  if (values.json === true) {
    const json = results.map(({ file, trace, result }) => ({
      file,
      config: trace.config,
      story: trace.story,
      expected: result.expected,
      reproduced: result.reproduced,
      verdict: result.verdict,
      violations: result.firstViolations,
      steps: result.steps.map((s) => ({ index: s.index, action: s.action, refused: s.refused ?? null, violations: s.violations })),
    }));
    process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
  } else {
    process.stdout.write(`${results.map(({ file, trace, result }) => renderReplay(file, trace, result)).join('\n\n')}\n`);
  }
  return results.every(({ result }) => result.reproduced) ? 0 : 1;
}

await main(() => run(process.argv.slice(2)), (error) => error instanceof TraceError);
