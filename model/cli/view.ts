/**
 * `npm run view -- FILE [--out OUT.html]`: replays a trace and writes the self-contained viewer page
 * (by default `<trace name>.html` in the current folder). Exit 0 when the trace reproduces its verdict,
 * 1 when it diverges, 2 on bad input.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { replayTrace } from '../trace/replay.js';
import { loadTrace, TraceError } from '../trace/trace.js';
import { viewerHtml } from '../render/viewer.js';
import { main, parse, UsageError } from '../config/usage.js';

function run(args: readonly string[]): number {
  const { values, positionals } = parse(args, { out: { type: 'string' } }, true);
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) throw new UsageError('view: give exactly one trace file');
  const trace = loadTrace(file);
  const result = replayTrace(trace);
  const out = (values.out as string | undefined) ?? `${basename(file, '.json')}.html`;
  writeFileSync(out, viewerHtml(file, trace, result));
  process.stdout.write(`viewer: ${out} (${result.verdict})\n`);
  return result.reproduced ? 0 : 1;
}

await main(() => run(process.argv.slice(2)), (error) => error instanceof TraceError);
