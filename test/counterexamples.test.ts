/**
 * Every saved counterexample, found by glob, replays to the verdict it records. A new file in
 * counterexamples/ is picked up without touching this suite.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../model/trace/replay.js';
import { loadTrace } from '../model/trace/trace.js';

const dir = join(import.meta.dirname, '..', 'counterexamples');
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

describe('saved counterexamples', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files)('%s reproduces its recorded verdict', (name) => {
    const trace = loadTrace(join(dir, name));
    const result = replayTrace(trace);
    expect(result.verdict).toMatch(/^(reproduced|holds)/);
    expect(result.reproduced).toBe(true);
  });
});
