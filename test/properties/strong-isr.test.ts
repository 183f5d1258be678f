/**
 * strong-isr, TLC's StrongIsr: proved where Kafka keeps it (the KIP-320 era on TLC's own kind of
 * question, and KIP-101's era against the truncation that broke it), and violated, each violation judged
 * by its run, where the HW truncation, KAFKA-7128, a replaced disk in a ZooKeeper cluster or an unclean
 * election leaves an electable ISR member without a record a presumed leader exposes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRandom, DEFAULT_MAX_STEPS } from '../../model/check/check.js';
import { runActions } from '../../model/check/runner.js';
import { configFromArgs } from '../../model/config/flags.js';
import { explore } from '../../model/explore/explore.js';
import { replayTrace } from '../../model/trace/replay.js';
import { loadTrace } from '../../model/trace/trace.js';
import { judgeViolation } from '../../properties/judgement.js';
import { firstIsrGap, strongIsr } from '../../properties/strong-isr.js';
import type { Config } from '../../spec/config.js';
import { act, committedWrite, data, ids, run, start } from '../builders.js';

/** Every budget 0 but the ones a question raises. */
const QUIET = ['--fences', '0', '--shutdowns', '0', '--power-losses', '0', '--commits', '0'];
const ONE_CRASH = ['--records', '1', '--crashes', '1', '--shrinks', '0', ...QUIET];

function search(flags: readonly string[]) {
  return explore({ config: configFromArgs([...flags]), invariants: [strongIsr], witnesses: [], maxDepth: Infinity });
}

/** The first violation random runs find under `flags`, with its judgement. */
function randomGap(flags: readonly string[], seed: number) {
  const config: Config = configFromArgs([...flags]);
  const found = checkRandom({ config, invariants: [strongIsr], runs: 3000, seed, maxSteps: DEFAULT_MAX_STEPS }).finding?.result;
  if (found?.violation == null) throw new Error(`no strong-isr violation under ${flags.join(' ')} at seed ${seed}`);
  return { final: found.final, judgement: judgeViolation(config, strongIsr, found.final) };
}

describe('strong-isr: holds', () => {
  it('in the initial state, and with the record on every member', () => {
    expect(strongIsr.check(start())).toBeNull();
    expect(strongIsr.check(run(start(), committedWrite(0, [1, 2])))).toBeNull();
  });

  it('is proved in KIP-320’s era with a crash and a shrink, and in KIP-101’s with a crash', () => {
    for (const flags of [['--era', 'kip-320', '--records', '1', '--crashes', '1', '--shrinks', '1', ...QUIET], ['--era', 'kip-101', ...ONE_CRASH]]) {
      const result = search(flags);
      expect(result.stoppedBy, flags.join(' ')).toBeNull();
      expect(result.violation, flags.join(' ')).toBeNull();
    }
  });

  it('asks only members the controller could elect: a follower down after a power loss is not', () => {
    const lost = run(start({ budgets: { powerLosses: 1 } }), [...committedWrite(0, [1, 2]), act.powerLoss(1)]);
    expect(data(lost).record.isr).toContain(1);
    expect(ids(lost, 1)).toEqual([]);
    expect(firstIsrGap(lost, data(lost))).toBeNull();
  });
});

describe('strong-isr: violated', () => {
  it('before KIP-101: a restarted follower truncates to its HW checkpoint and stays in the ISR, a broken promise', () => {
    const flags = ['--era', 'hw-truncation', ...ONE_CRASH];
    const result = search(flags);
    const steps = result.violation?.steps ?? [];
    expect(steps.map((step) => step.kind).slice(-3)).toEqual(['brokerCrash', 'brokerRestart', 'brokerApplyMetadata']);
    expect(result.violation?.violation.message).toMatch(/^b0 presumes it leads \(HW 1\) and holds w0@0 \(epoch 0\), but b\d, in the controller's ISR \[0, 1, 2\], holds nothing$/);
    // The same question one era later is the proof above.
    const config = configFromArgs(flags);
    const final = runActions(config, steps, [strongIsr])?.final;
    if (final === undefined) throw new Error('the shortest counterexample does not replay');
    expect(judgeViolation(config, strongIsr, final)).toMatchObject({ judged: 'broken', reason: expect.stringMatching(/no unclean election and no power loss/) });
  });

  it('with KAFKA-7128 removed, five steps before the loss: the new leader lets b1 into the ISR without w0', () => {
    const trace = loadTrace(join(import.meta.dirname, '..', '..', 'counterexamples', 'kafka-7128.json'));
    const replayed = replayTrace(trace);
    const at = (name: string) => replayed.firstViolations.find((v) => v.invariant === name)?.step;
    expect(at('strong-isr')).toBe(15);
    expect(at('acked-never-lost')).toBe(20);
    const state = replayed.steps[15]?.state;
    if (state === undefined) throw new Error('no step 15');
    expect(judgeViolation(trace.config, strongIsr, state)).toMatchObject({ judged: 'broken', reason: expect.stringMatching(/^w0@0, below b0's HW, is missing from b1 in the ISR/) });
  });

  it('in a ZooKeeper cluster, by a broker back on an empty disk before its session expired (KAFKA-1120): broken', () => {
    const { judgement } = randomGap(['--era', 'kip-320', '--disk-losses', '1'], 1);
    expect(judgement).toMatchObject({ judged: 'broken', reason: expect.stringMatching(/^b\d's replaced disk took w0@0, yet b\d lacks it while b\d, in the ISR, still holds it$/) });
  });

  it('in KRaft, by the last ISR member back on an empty disk: allowed, no in-sync replica kept the record', () => {
    const { judgement } = randomGap(['--era', 'kraft', '--disk-losses', '1'], 2);
    expect(judgement).toMatchObject({ judged: 'allowed', reason: expect.stringMatching(/^no in-sync replica kept it: b\d's replaced disk took w0@0, and none of the ISR \[b\d\] holds it/) });
  });

  it('after an unclean election: allowed, the election took the record', () => {
    const { final, judgement } = randomGap(['--era', 'kip-320', '--unclean', 'true'], 1);
    expect(data(final).ghost.uncleanLeader).toBe('flag');
    expect(judgement).toMatchObject({ judged: 'allowed', reason: expect.stringMatching(/^an unclean election of b\d .* took w0@0/) });
  });
});
