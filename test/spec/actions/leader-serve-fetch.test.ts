import { describe, expect, it } from 'vitest';
import { DATA_PARTITION } from '../../../spec/config.js';
import { rulesOf } from '../../../spec/eras/index.js';
import { maximalIsr } from '../../../spec/isr.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, edit, replica, run, start, verdict } from '../../builders.js';
import { lastMemberReelected } from '../../stories.js';

describe('leaderServeFetch: records', () => {
  it('returns the records from the fetch offset and records the follower LEO and broker epoch', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1)]);
    expect(verdict(s, act.serve(1))).toEqual(ENABLED);
    const end = step(s, act.serve(1));
    expect(data(end).network.fetchResponses[1]).toEqual({
      leader: 0,
      leaderEpoch: 0,
      fetchOffset: 0,
      records: [{ offset: 0, epoch: 0, id: 0 }],
      hw: 0,
      diverging: null,
      logStartOffset: 0,
      outOfRange: false,
    });
    expect(replica(end, 0)?.leader?.followers[1]).toEqual({ leo: 0, brokerEpoch: 1 });
  });

  it("answers with the HW as of before it recorded the follower's LEO (rule 1, 5)", () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), ...act.fetch(1), ...act.fetch(2), ...act.fetch(1)]);
    expect(replica(s, 0)?.hw).toBe(0); // b2's LEO 1 is not known yet
    const end = step(s, act.serve(2));
    expect(replica(end, 0)?.hw).toBe(1);
    expect(data(end).network.fetchResponses[2]).toMatchObject({ fetchOffset: 1, records: [], hw: 0 });
    expect(data(end).ghost.exposed.map((record) => record.id)).toEqual([0]);
  });
});

describe('leaderServeFetch: ISR expansion', () => {
  it('proposes a caught-up follower outside the ISR, with the broker epochs it saw (KIP-497, KIP-903)', () => {
    const end = run(start(), [...act.shrinkCommitted(0, 1), act.serve(1)]);
    expect(replica(end, 0)?.leader?.pendingIsr).toEqual([0, 1, 2]);
    expect(data(end).network.alterPartitionRequests).toEqual([
      { from: 0, brokerEpoch: 1, leaderEpoch: 0, partitionEpoch: 1, isr: [0, 1, 2], memberEpochs: [1, 1, -1] },
    ]);
    const leader = replica(end, 0);
    expect(leader && maximalIsr(rulesOf(end.config), leader)).toEqual([0, 1, 2]); // rule 12: committed + the one added
    expect(data(end).record.isr).toEqual([0, 2]);
  });

  it('does not propose a follower below the HW until it has caught up (rule 6, 13)', () => {
    const s = run(start({ acks: 1 }), [...act.shrinkCommitted(0, 1), act.send(0, 1), ...act.fetch(2), ...act.fetch(2)]);
    expect(replica(s, 0)?.hw).toBe(1);
    const lagging = step(s, act.serve(1));
    expect(replica(lagging, 0)?.leader?.pendingIsr).toBeNull();
    expect(data(lagging).network.alterPartitionRequests).toEqual([]);
    const caughtUp = run(lagging, [act.apply(1), act.serve(1)]);
    expect(replica(caughtUp, 0)?.leader?.pendingIsr).toEqual([0, 1, 2]);
  });
});

describe('leaderServeFetch: ISR expansion after a leader change (KAFKA-7128, rule 6)', () => {
  // RF 4, ISR [0,1,3]: b1 copied w0 and w1 but not the HW, b3 copied nothing; b1 takes over at epoch 2
  // with epoch start offset 2 and a stale HW 0, and b2 (outside the ISR) starts fetching from it.
  const config = { brokers: 4, replicationFactor: 4, acks: 1 as const };
  const script = [
    ...act.shrinkCommitted(0, 2),
    act.send(0, 1),
    act.send(0, 1),
    ...act.fetch(1),
    act.fence(0),
    act.elect(1),
    act.metadata(1),
    act.metadata(2),
    act.serve(2),
  ];

  it('does not propose a follower at or above the HW but below the epoch start offset', () => {
    const s = run(start(config), script);
    expect(replica(s, 1)?.hw).toBe(0);
    expect(replica(s, 1)?.leader).toMatchObject({ epochStartOffset: 2, pendingIsr: null });
    expect(replica(s, 1)?.leader?.followers[2]).toEqual({ leo: 0, brokerEpoch: 1 });
    expect(data(s).network.alterPartitionRequests).toEqual([]);
    expect(replica(run(s, [act.apply(2), act.serve(2)]), 1)?.leader?.pendingIsr).toEqual([1, 2, 3]);
  });

  it('would propose it without the KAFKA-7128 fix', () => {
    const s = run(start({ ...config, withoutFixes: ['KAFKA-7128'] }), script);
    expect(replica(s, 1)?.leader?.pendingIsr).toEqual([1, 2, 3]);
  });
});

/** b1 led epoch 2 after b0 crashed; b0 returns with w1, which b1 never had (written in epoch 0). */
const divergent = [
  act.send(0, 1),
  ...act.fetch(1),
  act.send(0, 1),
  act.crash(0),
  act.fence(0),
  act.elect(1),
  act.metadata(1),
  act.send(1, 1),
  act.restart(0),
  act.metadata(0),
];

describe('leaderServeFetch: divergence (KAFKA-10554)', () => {
  it('reports the diverging epoch and its end offset with no records, and learns no LEO from it (rule 7, 9)', () => {
    const s = run(start({ acks: 1 }), divergent);
    expect(replica(s, 1)?.epochs).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 1 },
    ]);
    expect(verdict(s, act.serve(0))).toEqual(ENABLED);
    const end = step(s, act.serve(0));
    expect(data(end).network.fetchResponses[0]).toEqual({
      leader: 1,
      leaderEpoch: 2,
      fetchOffset: 2,
      records: [],
      hw: 0,
      diverging: { epoch: 0, endOffset: 1 },
      logStartOffset: 0,
      outOfRange: false,
    });
    expect(replica(end, 1)?.leader?.followers[0]).toBeUndefined();
  });
});

describe('leaderServeFetch: refusals', () => {
  it('refuses a follower at an older leader epoch: FENCED_LEADER_EPOCH (KIP-320, rule 8)', () => {
    // b0 stays the last ISR member, is fenced and re-elected at epoch 2; b1 still thinks epoch 0.
    const script = lastMemberReelected;
    const s = run(start(), script);
    expect([replica(s, 0)?.view?.leaderEpoch, replica(s, 1)?.view?.leaderEpoch]).toEqual([2, 0]);
    expect(verdict(s, act.serve(1))).toEqual(disabled('FENCED_LEADER_EPOCH'));
    expect(verdict(run(start({ withoutFixes: ['KIP-320'] }), script), act.serve(1))).toEqual(ENABLED);
  });

  it('refuses a follower at a newer leader epoch: UNKNOWN_LEADER_EPOCH', () => {
    const s = edit(start(), (draft) => {
      const view = draft.partitions[DATA_PARTITION]?.replicas[1]?.view;
      if (view) view.leaderEpoch = 1;
    });
    expect(verdict(s, act.serve(1))).toEqual(disabled('UNKNOWN_LEADER_EPOCH'));
  });

  it('refuses when the follower names a broker that no longer leads: NOT_LEADER_OR_FOLLOWER', () => {
    const s = run(start(), [act.fence(0), act.metadata(0)]);
    expect(verdict(s, act.serve(1))).toEqual(disabled('b0 does not lead (NOT_LEADER_OR_FOLLOWER)'));
  });

  it('refuses the leader itself, a second fetch in flight, a stopped follower, and one with no metadata yet', () => {
    expect(verdict(start(), act.serve(0))).toEqual(disabled('b0 is not a follower of a leader'));
    expect(verdict(run(start(), [act.serve(1)]), act.serve(1))).toEqual(disabled('a fetch response to b1 is in flight'));
    const crashed = run(start(), [act.crash(1)]);
    expect(verdict(crashed, act.serve(1))).toEqual(disabled('b1 is down'));
    expect(verdict(run(crashed, [act.restart(1)]), act.serve(1))).toEqual(disabled('b1 has no metadata yet'));
  });
});

describe('leaderServeFetch: HW and ineligible followers', () => {
  // SUSPECTED MODEL BUG (rule 2, KAFKA-15021 eligibility filter, 3.6): a follower outside the ISR holds
  // the HW back only if it is caught up AND eligible (registered, unfenced, not shutting down). The
  // model's KAFKA-4485 clause (high-watermark.ts) has no eligibility filter, so a crashed and fenced
  // b2, removed from the ISR at LEO 1, pins the HW at 1 for as long as it stays away.
  it('does not let a fenced follower outside the ISR hold the HW back (rule 2, KAFKA-15021)', () => {
    const script = [
      act.send(0, 1),
      ...act.fetch(1),
      ...act.fetch(2),
      ...act.fetch(1),
      ...act.fetch(2),
      act.crash(2),
      act.fence(2),
      act.metadata(0),
      act.send(0, 1),
      ...act.fetch(1),
      act.serve(1),
    ];
    const end = run(start({ acks: 1 }), script);
    expect(replica(end, 0)?.view?.isr).toEqual([0, 1]);
    expect(end.controller.registrations[2]?.fenced).toBe(true);
    expect(replica(end, 0)?.leader?.followers[1]?.leo).toBe(2);
    expect(replica(end, 0)?.hw).toBe(2);
  });
});
