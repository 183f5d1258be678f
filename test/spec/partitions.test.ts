/** Two partitions in one state: where each kind of action lands, and what a broker event does to both. */
import { describe, expect, it } from 'vitest';
import { enabledActions, step } from '../../spec/step.js';
import { act, committedWrite, disabled, ENABLED, run, start, verdict } from '../builders.js';
import { CONSUMER } from '../stories.js';

describe('partitions: the data partition and __consumer_offsets', () => {
  it('a partition action runs on the partition its topic names, the data partition by default', () => {
    const s = run(start(CONSUMER), [act.resume(0), ...committedWrite(0, [1, 2]), act.read(0), act.read(0), act.commit(0)]);
    const fetched = run(s, [act.offsets(act.serve(1)), act.offsets(act.apply(1))]);
    expect(fetched.offsetsTopic?.brokers[1]?.log).toEqual([{ offset: 0, epoch: 0, id: 0, commit: 1 }]);
    expect(fetched.brokers[1]?.log).toEqual(s.brokers[1]?.log);
  });

  it('a broker event happens to every partition on the broker at once', () => {
    const end = run(start(CONSUMER), [act.crash(0)]);
    expect(end.brokers[0]?.status).toBe('down');
    expect(end.offsetsTopic?.brokers[0]?.status).toBe('down');
    expect(end.offsetsTopic?.brokers[0]?.leader).toBeNull();
  });

  it('a broker is unfenced only once it has caught up with both partitions’ records', () => {
    const s = run(start(CONSUMER), [act.crash(1), act.fence(1), act.restart(1), act.metadata(1)]);
    expect(verdict(s, act.unfence(1))).toEqual(disabled('b1 has not caught up with the metadata log'));
    expect(verdict(run(s, [act.offsets(act.metadata(1))]), act.unfence(1))).toEqual(ENABLED);
  });

  it('lists broker events once per broker, and the offsets partition’s actions with their topic', () => {
    const enabled = enabledActions(start({ ...CONSUMER, offsetsTopicReplicationFactor: 1, brokers: 3, replicationFactor: 1 }));
    expect(enabled.filter((a) => a.kind === 'brokerCrash').map((a) => ('broker' in a ? a.broker : -1))).toEqual([0]);
    expect(enabled).toContainEqual({ kind: 'consumerFetchOffset', broker: 0 });
  });

  it('refuses a topic on a broker event or a consumer action, producer writes to __consumer_offsets, and topics without a consumer', () => {
    const s = start(CONSUMER);
    expect(verdict(s, act.offsets(act.crash(0)))).toEqual(disabled('brokerCrash happens to a whole broker: it names no topic'));
    expect(verdict(s, act.offsets(act.resume(0)))).toEqual(disabled('consumerFetchOffset is a consumer action: it names no topic'));
    expect(verdict(s, act.offsets(act.send(0)))).toEqual(disabled('producers write the data partition; commits reach __consumer_offsets through consumerCommit'));
    expect(verdict(start(), act.offsets(act.metadata(0)))).toEqual(disabled('no __consumer_offsets partition is modelled (a commits budget of 0)'));
  });

  it('retention never deletes from __consumer_offsets (compacted)', () => {
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, retention: 1 }, offsetsTopicReplicationFactor: 1 }), [act.resume(0), ...committedWrite(0, [1, 2]), act.read(0), act.read(0), act.commit(0)]);
    expect(verdict(s, act.offsets(act.deleteSegments(0)))).toEqual(disabled('the retention budget is spent'));
    expect(step(s, act.deleteSegments(0)).brokers[0]?.logStartOffset).toBe(1);
  });
});
