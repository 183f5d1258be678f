/**
 * The trace viewer: one self-contained HTML file (no server, no network) that steps through a replayed
 * trace with the keyboard (→ / ← one step, Home / End the first and last), showing each replica's
 * state, what the step changed, the invariants violated at that step, and the trace's picture.
 */
import { describeAction } from '../../spec/actions/describe.js';
import { DATA_PARTITION } from '../../spec/config.js';
import { logEndOffset } from '../../spec/log.js';
import type { Partition, State } from '../../spec/types.js';
import { dataPartition, replicasOf } from '../../spec/cluster.js';
import { consumerText, controllerText, logText, role } from './render.js';
import type { ReplayResult } from '../trace/replay.js';
import { escape, traceSvg } from './svg.js';
import type { Trace } from '../trace/trace.js';

interface ReplicaView {
  readonly name: string;
  readonly cells: readonly string[];
}

interface StepView {
  readonly label: string;
  readonly controller: string;
  readonly replicas: readonly ReplicaView[];
  readonly consumer: string | null;
  readonly violations: readonly string[];
}

const COLUMNS = ['replica', 'role', 'log (offset:epoch:write)', 'HW', 'LEO', 'flushed', 'log start'];

function replicas(state: State, partition: Partition, prefix: string): ReplicaView[] {
  return replicasOf(partition).map((replica) => ({
    name: `${prefix}b${replica.broker}`,
    cells: [role(state, replica), logText(replica), String(replica.hw), String(logEndOffset(replica)), String(replica.flushed), String(replica.logStartOffset)],
  }));
}

function stepView(state: State, label: string, violations: readonly string[]): StepView {
  return {
    label,
    controller: controllerText(state, dataPartition(state)),
    replicas: Object.entries(state.partitions).flatMap(([name, partition]) => replicas(state, partition, name === DATA_PARTITION ? '' : `${name} `)),
    consumer: state.consumer === null ? null : consumerText(state),
    violations,
  };
}

/** The viewer's data: one view per state, the initial one first. */
export function viewerSteps(result: ReplayResult): StepView[] {
  const views = [stepView(result.initial, 'initial state', [])];
  for (const replayed of result.steps) {
    if (replayed.state === undefined) break;
    views.push(stepView(replayed.state, `step ${replayed.index}: ${describeAction(replayed.action)}`, replayed.violations.map((v) => `${v.invariant}: ${v.message}`)));
  }
  return views;
}

/** JSON that can sit inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

const STYLE = `
body { font: 14px sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.1em; }
#step { font-weight: bold; font-size: 1.05em; }
table { border-collapse: collapse; margin: .6em 0; }
td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: left; font-family: monospace; }
td.changed { background: #fff3b0; }
#verdict.ok { color: #2e7d32; }
#verdict.violated { color: #c62828; font-weight: bold; }
.picture { overflow-x: auto; border-top: 1px solid #ddd; margin-top: 1em; padding-top: .5em; }
`;

/** Runs in the page: renders step `i`, marks what changed since the step before, and takes the keys. */
const SCRIPT = `
const steps = JSON.parse(document.getElementById('steps').textContent);
let at = 0;
function render() {
  const step = steps[at];
  const before = at > 0 ? steps[at - 1] : step;
  document.getElementById('step').textContent = step.label + ' (' + at + ' of ' + (steps.length - 1) + ')';
  document.getElementById('controller').textContent = step.controller;
  const body = document.getElementById('replicas');
  body.replaceChildren(...step.replicas.map((replica, r) => {
    const row = document.createElement('tr');
    row.dataset.replica = replica.name;
    const name = document.createElement('th');
    name.textContent = replica.name;
    row.append(name, ...replica.cells.map((text, c) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      if (at > 0 && before.replicas[r] && before.replicas[r].cells[c] !== text) cell.className = 'changed';
      return cell;
    }));
    return row;
  }));
  document.getElementById('consumer').textContent = step.consumer === null ? '' : 'consumer: ' + step.consumer;
  const verdict = document.getElementById('verdict');
  verdict.textContent = step.violations.length === 0 ? 'every invariant holds here' : 'violated: ' + step.violations.join('; ');
  verdict.className = step.violations.length === 0 ? 'ok' : 'violated';
}
document.addEventListener('keydown', (event) => {
  const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: steps.length - 1 };
  if (!(event.key in moves)) return;
  at = Math.max(0, Math.min(steps.length - 1, moves[event.key]));
  render();
  event.preventDefault();
});
document.getElementById('prev').onclick = () => { at = Math.max(0, at - 1); render(); };
document.getElementById('next').onclick = () => { at = Math.min(steps.length - 1, at + 1); render(); };
render();
`;

/** The viewer page for a replayed trace. */
export function viewerHtml(file: string, trace: Trace, result: ReplayResult): string {
  const first = result.firstViolations[0];
  const judged = result.judgements.find((j) => j.invariant === first?.invariant);
  const judgement = judged === undefined ? '' : `<p id="judgement">${escape(`${judged.judged === 'broken' ? 'BROKEN PROMISE' : 'Allowed'}: ${judged.reason}`)}</p>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(file)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(file)}</h1>
<p>${escape(trace.story)}</p>
<p>${escape(first === undefined ? 'No invariant is violated in this trace.' : `${first.invariant} is first violated at step ${first.step}.`)} Keys: → next step, ← previous, Home first, End last.</p>
${judgement}<p><button id="prev">← previous</button> <button id="next">next →</button> <span id="step"></span></p>
<p id="controller"></p>
<table><thead><tr>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody id="replicas"></tbody></table>
<p id="consumer"></p>
<p id="verdict"></p>
<div class="picture">${traceSvg(trace, result)}</div>
<script id="steps" type="application/json">${scriptJson(viewerSteps(result))}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
