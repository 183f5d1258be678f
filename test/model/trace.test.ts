/** Trace files: validation that names the file and the field, saving that never overwrites. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace, MAX_TRACE_STEPS, parseTrace, saveTrace, serializeTrace, TRACE_FORMAT, TraceError, type Trace } from '../../model/trace/trace.js';
import { DATA_PARTITION, OFFSETS_PARTITION } from '../../spec/config.js';
import { act, config } from '../builders.js';

const finding: Trace = {
  format: TRACE_FORMAT,
  config: config({ acks: 1 }),
  steps: [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)],
  story: 'acks=1: the leader crashes before a follower copied the record',
  violation: { invariant: 'acked-never-lost', step: 4, message: 'w0 lost' },
  found: { by: 'check', seed: 1, runs: 7, tool: 'test' },
};

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'traces-'));

function rejection(input: unknown): string {
  try {
    parseTrace(input, 'case.json');
  } catch (error) {
    expect(error).toBeInstanceOf(TraceError);
    return (error as Error).message;
  }
  throw new Error('the trace was accepted');
}

describe('parseTrace', () => {
  it('round-trips a serialised finding', () => {
    expect(parseTrace(JSON.parse(serializeTrace(finding)), 'f.json')).toEqual(finding);
  });
  it('accepts a hand-written scenario: steps only, defaults for the rest', () => {
    const trace = parseTrace({ steps: [{ kind: 'producerSend', broker: 0, acks: -1 }] }, 'hand.json');
    expect(trace.config).toEqual(config());
    expect(trace.steps).toEqual([{ kind: 'producerSend', broker: 0, acks: 'all' }]);
  });
  it.each([
    [{}, /case\.json: steps: /],
    [{ steps: [] }, /case\.json: steps: /],
    [{ steps: [{ kind: 'brokerExplode', broker: 0 }] }, /case\.json: steps\[0\]\.kind: /],
    [{ steps: [{ kind: 'brokerCrash' }] }, /case\.json: steps\[0\]\.broker: /],
    [{ steps: [{ kind: 'brokerCrash', broker: 'b0' }] }, /case\.json: steps\[0\]\.broker: /],
    [{ steps: [{ kind: 'brokerCrash', broker: 0, mode: 'kill' }] }, /case\.json: steps\[0\]: .*mode/],
    [{ steps: [{ kind: 'producerSend', broker: 0, acks: 2 }] }, /case\.json: steps\[0\]\.acks: /],
    [{ steps: [{ kind: 'brokerCrash', broker: 3 }] }, /case\.json: steps\[0\]\.broker: broker 3 does not exist/],
    [{ config: { budgets: { retries: 1 } }, steps: [{ kind: 'producerSendRequest', producer: 1, broker: 0 }] }, /case\.json: steps\[0\]\.producer: producer 1 does not exist \(the run has producers 0\.\.0\)/],
    [{ config: { producers: 2 }, steps: [act.crash(0)] }, /case\.json: config\.producers: 2 producers need a retries budget/],
    [{ config: { producer: { enableIdempotence: true }, acks: 1 }, steps: [act.crash(0)] }, /case\.json: config\.acks: must be all \(-1\) with enable\.idempotence=true/],
    [{ era: 'kafka-9', steps: [act.crash(0)] }, /case\.json: era: unknown era "kafka-9"/],
    [{ config: { replicationFactor: 4 }, steps: [act.crash(0)] }, /case\.json: config\.replicationFactor: replication factor 4/],
    [{ config: { acks: 'some' }, steps: [act.crash(0)] }, /case\.json: config\.acks: /],
    [{ config: { budgets: { crashes: -1 } }, steps: [act.crash(0)] }, /case\.json: config\.budgets\.crashes: /],
    [{ expect: { verdict: 'violated', invariant: 'no-such' }, steps: [act.crash(0)] }, /case\.json: expect\.invariant: unknown invariant/],
    [{ format: 'v0', steps: [act.crash(0)] }, /case\.json: format: /],
    [{ steps: [act.crash(0)], extra: 1 }, /case\.json: \(root\): .*extra/],
    [{ format: TRACE_FORMAT, steps: [{ ...act.flush(0), topic: '__consumer_offsets' }] }, /case\.json: steps\[0\]\.topic: format 2 names the partition/],
    [{ format: 'kafka-replication-trace/1', steps: [act.offsets(act.flush(0))] }, /case\.json: steps\[0\]\.partition: format 1 names no partition/],
    [{ steps: [{ ...act.offsets(act.flush(0)), topic: '__consumer_offsets' }] }, /case\.json: steps\[0\]\.topic: name the partition or the topic, not both/],
    [{ steps: [{ ...act.flush(0), partition: 'orders-0' }] }, /case\.json: steps\[0\]\.partition: /],
    [{ steps: [{ ...act.crash(0), partition: OFFSETS_PARTITION }] }, /case\.json: steps\[0\]: .*partition/],
    [{ config: { offsetsTopicAssignment: [1, 1] }, steps: [act.crash(0)] }, /case\.json: config\.offsetsTopicAssignment: broker 1 is listed twice/],
    [{ era: 'kraft', config: { era: 'kraft' }, steps: [act.crash(0)] }, /^case\.json: config\.era: the era is given at the top level \("era": \.\.\.\), not in config$/],
    [{ config: { format: TRACE_FORMAT }, steps: [act.crash(0)] }, /^case\.json: config\.format: the format is given at the top level \("format": \.\.\.\), not in config$/],
    [{ config: { steps: [] }, steps: [act.crash(0)] }, /^case\.json: config\.steps: the steps are given at the top level \("steps": \.\.\.\), not in config$/],
  ])('rejects %j naming the field', (input, message) => {
    expect(rejection(input)).toMatch(message);
  });

  it(`replays at most MAX_TRACE_STEPS steps, refusing a longer trace before reading its steps`, () => {
    expect(MAX_TRACE_STEPS).toBe(100_000);
    expect(parseTrace({ steps: Array.from({ length: MAX_TRACE_STEPS }, () => act.crash(0)) }, 'long.json').steps).toHaveLength(MAX_TRACE_STEPS);
    const tooLong = Array.from({ length: 120_000 }, () => ({ kind: 'brokerExplode' }));
    expect(rejection({ steps: tooLong })).toBe('case.json: steps: 120000 steps; at most 100000 are replayed');
  });

  it('reads a produce step that names no producer, from before several producers, as the one producer', () => {
    const trace = parseTrace({ config: { budgets: { retries: 1 } }, steps: [{ kind: 'producerSendRequest', broker: 0 }] }, 'case.json');
    expect(trace.steps).toEqual([{ kind: 'producerSendRequest', producer: 0, broker: 0 }]);
  });

  it('reads format 1, which named __consumer_offsets by its topic, as the partition it means', () => {
    const old = { format: 'kafka-replication-trace/1', config: { budgets: { commits: 1 } }, steps: [{ ...act.flush(0), topic: '__consumer_offsets' }, act.flush(0)] };
    expect(parseTrace(old, 'old.json').steps).toEqual([act.offsets(act.flush(0)), act.flush(0)]);
  });

  it('leaves the data partition unnamed, however a step spells it, and writes the partition in format 2', () => {
    const named = parseTrace({ steps: [{ ...act.flush(0), partition: DATA_PARTITION }, act.offsets(act.flush(0))] }, 'hand.json');
    expect(named.steps).toEqual([act.flush(0), act.offsets(act.flush(0))]);
    const written = serializeTrace({ ...finding, steps: named.steps });
    expect(written).toContain(`"format": "${TRACE_FORMAT}"`);
    expect(written).toContain(`{ "kind": "brokerFlush", "broker": 0, "partition": "${OFFSETS_PARTITION}" }`);
  });
});

describe('loadTrace', () => {
  it('names the file when it is not JSON or not there', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"steps": [');
    expect(() => loadTrace(join(dir, 'broken.json'))).toThrow(/broken\.json: \(json\): /);
    expect(() => loadTrace(join(dir, 'missing.json'))).toThrow(/missing\.json: \(file\): /);
  });
});

describe('saveTrace', () => {
  it('saves a finding once: the same config and steps are recognised', () => {
    const dir = tempDir();
    const first = saveTrace(dir, finding);
    const again = saveTrace(dir, { ...finding, story: 'another story', found: { by: 'check', seed: 9, runs: 1, tool: 'test' } });
    expect(first.created).toBe(true);
    expect(again).toEqual({ file: first.file, created: false });
    expect(readdirSync(dir)).toEqual([first.file.slice(dir.length + 1)]);
  });
  it('never overwrites a file that holds something else under the same name', () => {
    const dir = tempDir();
    const first = saveTrace(dir, finding);
    writeFileSync(first.file, 'hand edited, not a trace');
    const second = saveTrace(dir, finding);
    expect(second.created).toBe(true);
    expect(second.file).not.toBe(first.file);
    expect(readFileSync(first.file, 'utf8')).toBe('hand edited, not a trace');
    expect(loadTrace(second.file)).toEqual(finding);
  });
  it('leaves no temporary file behind', () => {
    const dir = tempDir();
    saveTrace(dir, finding);
    saveTrace(dir, { ...finding, steps: finding.steps.slice(0, 4) });
    expect(readdirSync(dir).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });
});
