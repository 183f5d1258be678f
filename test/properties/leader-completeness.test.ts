import { describe, expect, it } from 'vitest';
import { consistentRead } from '../../properties/consistent-read.js';
import { leaderCompleteness } from '../../properties/leader-completeness.js';
import { act, committedWrite, data, ids, run, start } from '../builders.js';
import { lastReplicaStanding as lastReplicaStandingScript, UNCLEAN, uncleanElectionLosesW0 } from '../stories.js';

const lastReplicaScript = lastReplicaStandingScript;
const lastReplicaStanding = run(start({ era: 'kraft', budgets: { powerLosses: 1 } }), lastReplicaScript);

/** min.insync.replicas=1, unclean election: w0 is read from a lone leader, then b1 is elected outside the ISR. */
/**
 * In `kraft`, where the ISR is never empty, so b1 can later be re-elected cleanly from ISR [b1]. KRaft
 * 3.6 ignores the unclean flag (KAFKA-12670): the operator forces the election (KIP-460).
 */
const unclean = run(
  start({ ...UNCLEAN, era: 'kraft', budgets: { uncleanElections: 1 } }),
  uncleanElectionLosesW0.map((action) => (action.kind === 'controllerElectLeader' ? act.operatorElect(action.broker) : action)),
);

describe('leader-completeness: holds', () => {
  it('in the initial state', () => {
    expect(leaderCompleteness.check(start())).toBeNull();
  });

  it('after a clean failover to a follower holding every record below the HW', () => {
    const end = run(start(), [...committedWrite(0, [1, 2]), act.crash(0), act.fence(0), act.elect(2), act.metadata(2)]);
    expect(data(end).ghost.exposed).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
    expect(ids(end, 2)).toEqual([0]);
    expect(leaderCompleteness.check(end)).toBeNull();
  });

  it('when the new leader lacks only a record that was never below the HW', () => {
    const end = run(start({ acks: 1 }), [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)]);
    expect(data(end).ghost.exposed).toEqual([]);
    expect(leaderCompleteness.check(end)).toBeNull();
  });

  it('while the elected leader has not applied its election yet', () => {
    const pending = run(start({ era: 'kraft', budgets: { powerLosses: 1 } }), lastReplicaScript.slice(0, -1));
    expect(data(pending).record.leader).toBe(0);
    expect(leaderCompleteness.check(pending)).toBeNull();
  });
});

describe('leader-completeness: violated', () => {
  it('by a leader elected from the ISR after a power loss took the committed record', () => {
    expect(data(lastReplicaStanding).ghost.uncleanLeader).toBeNull();
    expect(data(lastReplicaStanding).record).toMatchObject({ leader: 0, isr: [0] });
    expect(ids(lastReplicaStanding, 0)).toEqual([]);
    expect(leaderCompleteness.check(lastReplicaStanding)).toBe(
      'leader b0, elected from the ISR in epoch 2, lacks w0@0 (epoch 0) below the true HW 1: it holds nothing',
    );
  });
});

describe('leader-completeness exempts an unclean leader; consistent-read does not', () => {
  it('elects b1 uncleanly after w0 was readable', () => {
    expect(data(unclean).ghost.uncleanLeader).toBe('operator');
    expect(data(unclean).ghost.exposed).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
    expect(ids(unclean, 1)).toEqual([]);
  });
  it('leader-completeness holds', () => {
    expect(leaderCompleteness.check(unclean)).toBeNull();
  });
  it('consistent-read is violated', () => {
    expect(consistentRead.check(unclean)).toBe(
      'w0@0 (epoch 0) was below the HW (readable), but leader b1 holds nothing at offset 0',
    );
  });
});

describe('leader-completeness after an unclean election', () => {
  // The records an unclean election gave up are forfeited: a later clean election of the same lineage
  // is not blamed for them (consistent-read still reports the loss).
  it('does not blame a cleanly re-elected leader for what the unclean election lost', () => {
    const reelected = run(unclean, [
      act.crash(1),
      act.fence(1),
      act.restart(1),
      act.metadata(1),
      act.unfence(1),
      act.elect(1),
      act.metadata(1),
    ]);
    expect(data(reelected).ghost.uncleanLeader).toBeNull();
    expect(data(reelected).record).toMatchObject({ leader: 1, isr: [1] });
    expect(leaderCompleteness.check(reelected)).toBeNull();
  });
});
