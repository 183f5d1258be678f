import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../../spec/eras/index.js';
import { maximalIsr } from '../../../spec/isr.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, replica, run, start, verdict } from '../../builders.js';

describe('leaderHandleAlterPartitionResponse', () => {
  it('commits an accepted shrink, which moves the HW and completes a waiting acks=all write (rule 1)', () => {
    // b1 has w0 and the leader knows it; b2 never fetched, so the HW waits for it until it leaves.
    const s = run(start(), [act.send(0, 'all'), ...act.fetch(1), act.serve(1), act.shrink(0, 2), act.handleAlter(0)]);
    expect(replica(s, 0)?.hw).toBe(0);
    expect(s.producer.attempts[0]).toMatchObject({ status: 'pending' });
    expect(verdict(s, act.alterResponse(0))).toEqual(ENABLED);
    const end = step(s, act.alterResponse(0));
    expect(data(end).network.alterPartitionResponses).toEqual([]);
    expect(replica(end, 0)?.view).toEqual(data(end).record);
    expect(replica(end, 0)?.view).toMatchObject({ partitionEpoch: 1, isr: [0, 1] });
    expect(replica(end, 0)?.leader?.pendingIsr).toBeNull();
    expect(replica(end, 0)?.hw).toBe(1);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });

  it('reverts a proposal rejected with INELIGIBLE_REPLICA to the committed ISR (rule 12)', () => {
    // An expansion with fenced b1 (KIP-841): the maximal ISR counted b1 until the rejection.
    const s = run(start(), [...act.shrinkCommitted(0, 1), act.fence(1), act.serve(1), act.handleAlter(0)]);
    const during = replica(s, 0);
    expect(during && maximalIsr(rulesOf(s.config), during)).toEqual([0, 1, 2]);
    const end = step(s, act.alterResponse(0));
    const leader = replica(end, 0);
    expect(leader?.leader?.pendingIsr).toBeNull();
    expect(leader?.view).toEqual(replica(s, 0)?.view);
    expect(leader && maximalIsr(rulesOf(end.config), leader)).toEqual([0, 2]);
  });

  it('keeps the proposal pending after INVALID_UPDATE_VERSION until new metadata (Partition.handleAlterPartitionError)', () => {
    // Kafka resets to the committed ISR only on INELIGIBLE_REPLICA / OPERATION_NOT_ATTEMPTED; after a
    // stale partition or leader epoch it awaits the latest metadata.
    const s = run(start(), [act.shrink(0, 1), act.fence(1), act.handleAlter(0)]);
    expect(data(s).network.alterPartitionResponses).toEqual([{ to: 0, accepted: null, error: 'INVALID_UPDATE_VERSION' }]);
    const end = step(s, act.alterResponse(0));
    expect(data(end).network.alterPartitionResponses).toEqual([]);
    expect(replica(end, 0)?.leader?.pendingIsr).toEqual([0, 2]);
    expect(verdict(end, act.shrink(0, 2))).toEqual(disabled('an ISR change is already in flight'));
    const updated = step(end, act.metadata(0));
    expect(replica(updated, 0)?.leader?.pendingIsr).toBeNull();
    expect(replica(updated, 0)?.view).toMatchObject({ partitionEpoch: 1, isr: [0, 2] });
  });

  it('ignores an answer that newer metadata already superseded', () => {
    const s = run(start(), [act.shrink(0, 2), act.handleAlter(0), act.metadata(0)]);
    expect(replica(s, 0)?.leader?.pendingIsr).toBeNull();
    const end = step(s, act.alterResponse(0));
    expect(data(end).network.alterPartitionResponses).toEqual([]);
    expect(end.brokers[0]).toEqual(s.brokers[0]);
    expect(replica(end, 0)).toEqual(replica(s, 0));
  });

  it('is refused with no answer in flight, including one lost when the leader stopped', () => {
    expect(verdict(start(), act.alterResponse(0))).toEqual(disabled('no AlterPartition response to b0 in flight'));
    const lost = run(start(), [act.shrink(0, 2), act.handleAlter(0), act.crash(0)]);
    expect(verdict(lost, act.alterResponse(0))).toEqual(disabled('no AlterPartition response to b0 in flight'));
  });
});
