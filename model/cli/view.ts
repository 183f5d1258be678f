/**
 * `npm run view -- FILE [--out OUT.html] [--force]`: replays a trace and writes the self-contained
 * viewer page (by default `<trace name>.html` in the folder the command was run from).
 */
import { basename } from 'node:path';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { outputFile, writeOutput } from '../config/output.js';
import { UsageError } from '../config/usage.js';
import { MAX_PICTURE_STEPS } from '../render/svg.js';
import { viewerHtml } from '../render/viewer.js';
import { replayTrace } from '../trace/replay.js';
import { loadTrace, TraceError } from '../trace/trace.js';

const VIEW: CommandSpec = {
  name: 'view',
  summary: `Writes a self-contained HTML page that steps through a trace (at most ${MAX_PICTURE_STEPS} steps): each replica's state, what changed, the verdict, the picture.`,
  arguments: '<trace>',
  options: [
    { flags: '--out <file>', description: 'the page to write', defaultText: '<trace name>.html in the current folder' },
    { flags: '--force', description: 'replace an existing page', default: false },
  ],
  examples: ['npm run view -- counterexamples/kafka-7128.json', 'npm run view -- counterexamples/kafka-7128.json --out /tmp/kafka-7128.html --force'],
  exits: '0 the trace reproduces its verdict; 1 it diverges (the page is written either way)',
};

function run(args: readonly string[]): number {
  const parsed = parseCommand(VIEW, args);
  if (parsed === null) return 0;
  const [given] = parsed.args;
  if (given === undefined) throw new UsageError('view: give one trace file');
  const file = userPath(given);
  const force = parsed.values.force === true;
  const out = outputFile('--out', userPath((parsed.values.out as string | undefined) ?? `${basename(file, '.json')}.html`), force);
  const trace = loadTrace(file);
  if (trace.steps.length > MAX_PICTURE_STEPS) throw new UsageError(`${given}: the trace has ${trace.steps.length} steps; the viewer shows at most ${MAX_PICTURE_STEPS}`);
  const result = replayTrace(trace);
  writeOutput('--out', out, viewerHtml(file, trace, result), force);
  process.stdout.write(`viewer: ${out} (${result.verdict})\n`);
  return result.reproduced ? 0 : 1;
}

await main(() => run(process.argv.slice(2)), (error) => error instanceof TraceError);
