/** Trace pictures: every saved counterexample draws as well-formed SVG showing its replicas, steps and violation. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../model/trace/replay.js';
import { stepLabel, traceSvg } from '../../model/render/svg.js';
import { loadTrace } from '../../model/trace/trace.js';
import { act } from '../builders.js';
import { cli, root, tempDir } from '../cli.js';

const dir = join(root, 'counterexamples');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

/** Every element with `class` containing `name`, anywhere in the parsed document. */
function withClass(node: unknown, name: string): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap((child) => withClass(child, name));
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own = typeof element['@_class'] === 'string' && element['@_class'].split(' ').includes(name) ? [element] : [];
  return [...own, ...Object.values(element).flatMap((child) => withClass(child, name))];
}

describe('replay --svg pictures', () => {
  it.each(files)('%s draws as SVG: a lane per replica, a column per state, the violation framed', (file) => {
    const trace = loadTrace(join(dir, file));
    const result = replayTrace(trace);
    const svg = traceSvg(trace, result);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute }).parse(svg);
    const offsetsReplicas = trace.config.budgets.commits > 0 ? trace.config.offsetsTopicReplicationFactor : 0;
    // A reassignment adds a replica, and its lane, to the ones the run started with.
    const added = trace.steps.filter((step) => step.kind === 'adminAlterPartitionReassignments').length;
    expect(withClass(doc, 'lane')).toHaveLength(trace.config.replicationFactor + offsetsReplicas + added);
    const states = 1 + result.steps.filter((s) => s.state !== undefined).length;
    expect(withClass(doc, 'step')).toHaveLength(states);
    expect(withClass(doc, 'violation')).toHaveLength(result.firstViolations.length > 0 ? 1 : 0);
    const named = /\bw\d+@/.test(result.firstViolations[0]?.message ?? '');
    if (named) expect(withClass(doc, 'violated').length).toBeGreaterThan(0);
  });

  it('names steps as their column heads do', () => {
    expect(stepLabel(act.powerLoss(1))).toBe('power loss b1');
    expect(stepLabel(act.offsets(act.elect(0)))).toBe('elect b0 (offsets)');
    expect(stepLabel(act.consumerRestart())).toBe('consumer restarts');
  });

  it('npm run replay -- FILE --svg OUT writes the picture and keeps replay’s exit code; two files are refused', () => {
    const out = join(tempDir(), 'trace.svg');
    const file = join(dir, 'kafka-7128.json');
    const result = cli('replay', file, '--svg', out);
    expect(result.status).toBe(0);
    expect(XMLValidator.validate(readFileSync(out, 'utf8'))).toBe(true);
    const two = cli('replay', file, file, '--svg', out);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/--svg: give exactly one trace file/);
  }, 30_000);
});
