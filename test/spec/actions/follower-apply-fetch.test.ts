import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';
import { lastMemberReelected } from '../../stories.js';

describe('followerApplyFetch: records', () => {
  it('appends the records, keeps the epoch cache in step and takes min(leader HW, own LEO) (rule 5)', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), act.serve(1)]);
    expect(verdict(s, act.apply(1))).toEqual(ENABLED);
    const end = step(s, act.apply(1));
    expect(replica(end, 1)?.log).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
    expect(replica(end, 1)?.epochs).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(replica(end, 1)?.hw).toBe(0);
    expect(replica(end, 1)?.flushed).toBe(0);
    expect(data(end).network.fetchResponses[1]).toBeNull();
    expect(data(end).ghost.lastFetch[1]).toEqual({ leader: 0, epoch: 0 });
  });

  it('learns the HW lazily, one fetch after the leader moved it', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), ...act.fetch(1), ...act.fetch(2), ...act.fetch(1), ...act.fetch(2)]);
    expect([replica(s, 0)?.hw, replica(s, 1)?.hw, replica(s, 2)?.hw]).toEqual([1, 0, 0]);
    expect(replica(run(s, act.fetch(1)), 1)?.hw).toBe(1);
  });

  it('fsyncs the appended records with log.flush.interval.messages=1', () => {
    const end = run(start({ acks: 1, flushIntervalMessages: 1 }), [act.send(0, 1), ...act.fetch(1)]);
    expect(replica(end, 1)?.flushed).toBe(1);
  });

  it('is refused with no response in flight', () => {
    expect(verdict(start(), act.apply(1))).toEqual(disabled('no fetch response in flight to b1'));
  });
});

describe('followerApplyFetch: stale responses (rule 11)', () => {
  // b1 fetched w0 from b0, then became the leader itself before the response arrived.
  const script = [act.send(0, 1), act.serve(1), act.fence(0), act.elect(1), act.metadata(1)];

  it('drops a response from a broker it no longer follows (staleFetchDropped)', () => {
    const s = run(start({ acks: 1 }), script);
    expect(verdict(s, act.apply(1))).toEqual(ENABLED);
    const end = step(s, act.apply(1));
    expect(ids(end, 1)).toEqual([]);
    expect(data(end).network.fetchResponses[1]).toBeNull();
    expect(data(end).ghost.events.staleFetchDropped).toBe(true);
    expect(data(end).ghost.lastFetch[1]).toBeNull();
  });

  it('would append it without the check:stale-fetch-dropped guard', () => {
    const end = run(start({ acks: 1, withoutFixes: ['check:stale-fetch-dropped'] }), [...script, act.apply(1)]);
    expect(ids(end, 1)).toEqual([0]);
    expect(data(end).ghost.events.staleFetchDropped).toBe(false);
  });

  it('still applies an old-epoch response from the same leader at the same offset', () => {
    // b0 stays the last ISR member, is fenced and re-elected at epoch 2 while w0 is in flight to b1.
    const s = run(start({ acks: 1 }), [
      act.send(0, 1),
      act.serve(1),
      ...lastMemberReelected,
      act.metadata(1),
    ]);
    expect(replica(s, 1)?.view).toMatchObject({ leader: 0, leaderEpoch: 2 });
    expect(data(s).network.fetchResponses[1]).toMatchObject({ leaderEpoch: 0 });
    const end = step(s, act.apply(1));
    expect(ids(end, 1)).toEqual([0]);
    expect(data(end).ghost.events.staleFetchDropped).toBe(false);
    expect(data(end).ghost.lastFetch[1]).toEqual({ leader: 0, epoch: 0 });
  });
});

/**
 * b0 wrote w1 in epoch 0 that nobody copied and crashed; b1 (epoch 2) made b2 catch up, took w2 at
 * offset 1 and raised its HW to 1; b0 returns as a follower with HW 0 from its checkpoint.
 */
const divergent = [
  act.send(0, 1),
  ...act.fetch(1),
  ...act.fetch(2),
  act.send(0, 1),
  act.crash(0),
  act.fence(0),
  act.elect(1),
  act.metadata(1),
  act.metadata(2),
  ...act.fetch(2),
  act.send(1, 1),
  act.restart(0),
  act.metadata(0),
  act.serve(0),
];

describe('followerApplyFetch: divergence', () => {
  it('truncates to the divergence point and then fetches the leader records (rule 9, KAFKA-10554)', () => {
    const s = run(start({ acks: 1 }), divergent);
    expect(ids(s, 0)).toEqual([0, 1]);
    expect(data(s).network.fetchResponses[0]).toMatchObject({ diverging: { epoch: 0, endOffset: 1 }, hw: 1 });
    const end = step(s, act.apply(0));
    expect(ids(end, 0)).toEqual([0]);
    expect(replica(end, 0)?.epochs).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(data(end).ghost.events.truncationAfterLeaderChange).toBe(true);
    expect(replica(end, 0)?.hw).toBe(0); // KAFKA-14704 fixed: the diverging response's HW is not taken

    const next = run(end, act.fetch(0));
    expect(replica(next, 0)?.log).toEqual([
      { offset: 0, epoch: 0, id: 0 },
      { offset: 1, epoch: 2, id: 2 },
    ]);
  });

  it('takes the leader HW from the diverging response without the KAFKA-14704 fix', () => {
    const end = run(start({ acks: 1, withoutFixes: ['KAFKA-14704'] }), [...divergent, act.apply(0)]);
    expect(ids(end, 0)).toEqual([0]);
    expect(replica(end, 0)?.hw).toBe(1);
  });

  it('keeps its divergent suffix without the check:truncate-on-divergence guard', () => {
    const end = run(start({ acks: 1, withoutFixes: ['check:truncate-on-divergence'] }), [...divergent, act.apply(0)]);
    expect(ids(end, 0)).toEqual([0, 1]);
    expect(data(end).ghost.events.truncationAfterLeaderChange).toBe(false);
  });

  // SUSPECTED MODEL BUG (rule 9; Kafka UnifiedLog.truncateTo): b1 led epoch 2 without appending, so its
  // epoch cache ends with {epoch 2, startOffset 1} at its LEO. The divergence point is its LEO (1), and
  // truncateTo returns early when nothing is at or above the offset, keeping that entry. Kafka
  // truncates the epoch cache even then ("we may have a conflicting epoch entry at the end of the log
  // ... if this broker was a leader and inserted the first start offset entry, but then failed to
  // append any entries"). In the model b1 reports epoch 2 on every fetch and never gets past it.
  it('drops an empty epoch of its own at its LEO and then makes progress', () => {
    const script = [
      act.send(0, 1),
      ...act.fetch(1),
      ...act.fetch(2),
      act.crash(0),
      act.fence(0),
      act.elect(1),
      act.metadata(1), // b1 leads epoch 2 from offset 1, appends nothing
      act.crash(1),
      act.fence(1),
      act.elect(2),
      act.metadata(2), // b2 leads epoch 4 from offset 1
      act.send(2, 1),
      act.restart(1),
      act.metadata(1),
      ...act.fetch(1),
    ];
    const s = run(start({ acks: 1 }), script);
    expect(replica(s, 1)?.epochs).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(ids(run(s, act.fetch(1)), 1)).toEqual([0, 1]);
  });
});
