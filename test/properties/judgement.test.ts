/**
 * The judgement of a loss, record by record, from what the run did: the same configuration gives a
 * broken promise for one run and an excused loss for another, and each excuse is named.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActions } from '../../model/check/runner.js';
import { configFromArgs } from '../../model/config/flags.js';
import { explore } from '../../model/explore/explore.js';
import { budgets } from '../../model/verdicts/verdicts.js';
import { consistentRead } from '../../properties/consistent-read.js';
import { initialState } from '../../spec/init.js';
import { step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { loadTrace } from '../../model/trace/trace.js';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { brokenOnly, judgeViolation, missingRecords, withSteps } from '../../properties/judgement.js';
import { DATA_PARTITION } from '../../spec/config.js';
import type { Action } from '../../spec/actions/index.js';
import { act, config, data, run, start } from '../builders.js';
import { root } from '../cli.js';
import { correlatedPowerLoss, followerDiverges } from '../stories.js';

type Overrides = Parameters<typeof config>[0];

/** The judgement of acked-never-lost at the end of `actions`, which must violate it. */
function judged(overrides: Overrides, actions: readonly Action[]) {
  const cfg = config(overrides);
  const result = runActions(cfg, actions, [ackedNeverLost]);
  expect(result?.violation?.invariant, 'the run loses an acknowledged record').toBe('acked-never-lost');
  if (result === null) throw new Error('the run does not replay');
  return judgeViolation(cfg, ackedNeverLost, result.final);
}

/** The judgement of acked-never-lost at the end of a saved counterexample, its steps named. */
function judgedTrace(file: string) {
  const trace = loadTrace(join(root, 'counterexamples', file));
  const history = trace.steps.reduce<State[]>((states, action) => [...states, step(states.at(-1) ?? initialState(trace.config), action)], []);
  const final = history.at(-1);
  if (final === undefined) throw new Error('an empty trace');
  return withSteps(judgeViolation(trace.config, ackedNeverLost, final), history);
}

describe('one configuration, two runs', () => {
  // min.insync.replicas=1 with unclean election on, and KAFKA-7128's fix removed, on four brokers.
  const settings: Overrides = {
    brokers: 4,
    minInsyncReplicas: 1,
    uncleanLeaderElection: true,
    withoutFixes: ['KAFKA-7128'],
    budgets: { records: 1, crashes: 1, fences: 1, shrinks: 3, shutdowns: 0, powerLosses: 0, commits: 0 },
  };

  it('is a broken promise when a committed record is lost with no unclean election, whatever the settings', () => {
    const lagging = loadTrace(join(root, 'counterexamples', 'kafka-7128.json')).steps;
    expect(judged(settings, lagging)).toMatchObject({
      judged: 'broken',
      reason: 'w0@0 was committed, and lost with no unclean election and no power loss taking it from every in-sync replica',
    });
  });

  it('as a search for broken promises, passes over the excused loss and stops at the broken one', () => {
    const cfg = config(settings);
    const search = brokenOnly(cfg, ackedNeverLost);
    const unclean = [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), ...act.shrinkCommitted(0, 3), act.send(0), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)];
    expect(runActions(cfg, unclean, [ackedNeverLost])?.violation).not.toBeNull();
    expect(runActions(cfg, unclean, [search])?.violation).toBeNull();
    const lagging = loadTrace(join(root, 'counterexamples', 'kafka-7128.json')).steps;
    expect(runActions(cfg, lagging, [search])?.violation?.invariant).toBe('acked-never-lost');
  });

  it('is allowed when an unclean election took it, naming the election', () => {
    const unclean = [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), ...act.shrinkCommitted(0, 3), act.send(0), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)];
    expect(judged(settings, unclean)).toMatchObject({
      judged: 'allowed',
      reason: 'an unclean election of b1 (leader epoch 2, unclean.leader.election.enable) took w0@0, committed before it or by the leader it deposed',
    });
  });
});

describe('each excuse', () => {
  it('never committed: acks=1 acknowledged before any leader’s HW passed the record', () => {
    expect(judged({ acks: 1, budgets: { fences: 1 } }, followerDiverges)).toMatchObject({
      judged: 'allowed',
      reason: "w0@0 was never committed: acknowledged under acks=1 before any leader's HW passed it",
    });
  });

  it('unclean election: also what a leader it deposed commits afterwards (a zombie, alone in its ISR)', () => {
    // kip-320, min.insync.replicas=1, unclean on: b1 is elected outside the ISR [b0]; b0, fenced but not yet told, commits w0 alone.
    expect(judgedTrace('acked-never-lost--kip-320-acksall-rf3-isr1-unclean-commits0--9c8e6713.json')).toMatchObject({
      judged: 'allowed',
      reason: 'an unclean election of b1 (leader epoch 3, unclean.leader.election.enable) took w0@0, committed before it or by the leader it deposed (w0 committed at step 5; the unclean election at step 4)',
    });
  });

  it('no in-sync replica kept it: before KIP-966, the last copy in the ISR lost to a power loss', () => {
    expect(judged({ era: 'kraft', budgets: { powerLosses: 3 } }, correlatedPowerLoss)).toMatchObject({
      judged: 'allowed',
      reason: "no in-sync replica kept it: b2's power loss took w0@0, and none of the ISR [b2] holds it (before KIP-966 Kafka promises nothing against it)",
    });
  });

  it('under KIP-966, the same run is an unclean election: the last known leader is recovered', () => {
    expect(judged({ era: 'kip-966', budgets: { powerLosses: 3 } }, correlatedPowerLoss)).toMatchObject({
      judged: 'allowed',
      reason: 'an unclean election of b2 (leader epoch 2, KIP-966 recovery of the last known leader) took w0@0, committed before it or by the leader it deposed',
    });
  });

  it('under KIP-966, a power loss that took the last copy is broken below min.insync.replicas unclean shutdowns', () => {
    // KAFKA-15583 removed: a lone leader exposes a record refused with NOT_ENOUGH_REPLICAS_AFTER_APPEND, then loses power.
    const cfg = configFromArgs(['--without-fix', 'KAFKA-15583', '--brokers', '2', ...budgets({ shrinks: 1, 'power-losses': 1 })]);
    const found = explore({ config: cfg, invariants: [consistentRead], witnesses: [], maxDepth: Infinity }).violation;
    if (found === null) throw new Error('no violation found');
    const final = run(initialState(cfg), found.steps);
    expect(judgeViolation(cfg, consistentRead, final)).toMatchObject({
      judged: 'broken',
      reason: "no in-sync replica kept it: b0's power loss took w0@0, and none of the ISR [b1] holds it, but after only 1 unclean shutdown since the ISR last held min.insync.replicas=2 members: KIP-966 promises it",
    });
  });

  it("names an operator's unclean election (kafka-leader-election.sh) and its step", () => {
    expect(judgedTrace('acked-never-lost--kraft-acksall-rf3-isr2-commits0-uncleanElections1--c490ee81.json')).toMatchObject({
      judged: 'allowed',
      reason: expect.stringMatching(/^an unclean election of b1 \(leader epoch 2, an operator's ElectLeaders, kafka-leader-election\.sh --election-type unclean\) .*the unclean election at step 11\)$/),
    });
  });

  it('with every append fsynced, the power losses take nothing: no record is missing', () => {
    const state = run(start({ budgets: { powerLosses: 3 }, flushIntervalMessages: 1 }), correlatedPowerLoss);
    expect(ackedNeverLost.check(state)).toBeNull();
    expect(missingRecords(state, DATA_PARTITION)).toEqual([]);
    expect(data(state).ghost.excuses).toEqual([]);
  });
});
