/**
 * One cluster state with two partitions: where each kind of action lands, what a broker event does to
 * every replica the broker hosts, and `__consumer_offsets` placed on brokers of its own.
 */
import { describe, expect, it } from 'vitest';
import { OFFSETS_PARTITION } from '../../spec/config.js';
import { enabledActions, step } from '../../spec/step.js';
import { act, committedWrite, data, disabled, ENABLED, ids, offsets, replica, run, start, verdict } from '../builders.js';
import { CONSUMER, consumedAndCommitted } from '../stories.js';

/** Data on b0..b2, `__consumer_offsets` on b3..b5: six brokers, no broker hosts both. */
const APART = { ...CONSUMER, brokers: 6, replicationFactor: 3, offsetsTopicAssignment: [3, 4, 5] };

describe('partitions: the data partition and __consumer_offsets', () => {
  it('a partition action runs on the partition it names, the data partition by default', () => {
    const s = run(start(CONSUMER), [act.resume(0), ...committedWrite(0, [1, 2]), act.read(0), act.read(0), act.commit(0)]);
    const fetched = run(s, [act.offsets(act.serve(1)), act.offsets(act.apply(1))]);
    expect(replica(fetched, 1, OFFSETS_PARTITION)?.log).toEqual([{ offset: 0, epoch: 0, id: 0, commit: { offset: 1, leaderEpoch: 0 } }]);
    expect(replica(fetched, 1)?.log).toEqual(replica(s, 1)?.log);
  });

  it('a broker event changes the broker once and every replica it hosts', () => {
    const end = run(start(CONSUMER), [act.crash(0)]);
    expect(end.brokers[0]?.status).toBe('down');
    expect(replica(end, 0)?.leader).toBeNull();
    expect(replica(end, 0, OFFSETS_PARTITION)?.leader).toBeNull();
    expect(replica(end, 0, OFFSETS_PARTITION)?.view).toBeNull();
  });

  it('a power loss drops the unflushed suffix of every replica the broker hosts, and the broker has one epoch', () => {
    // b0 leads both partitions: w0 is committed on the data partition, the commit of position 1 on
    // __consumer_offsets; the OS flushed b0's data log but not its offsets log.
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, powerLosses: 1 } }), [...consumedAndCommitted, act.flush(0)]);
    const before = s;
    expect(replica(before, 0)?.flushed).toBe(1);
    expect(replica(before, 0, OFFSETS_PARTITION)?.flushed).toBe(0);
    expect(ids(before, 0, OFFSETS_PARTITION)).toEqual([0]);
    const lost = step(before, act.powerLoss(0));
    expect(ids(lost, 0)).toEqual([0]);
    expect(ids(lost, 0, OFFSETS_PARTITION)).toEqual([]);
    expect(lost.brokers[0]).toMatchObject({ status: 'down', lostPower: true, brokerEpoch: 1 });
    // Back up: one registration, one new broker epoch, for the broker and both its replicas' fetches.
    const back = run(lost, [act.fence(0), act.restart(0)]);
    expect(back.brokers[0]?.brokerEpoch).toBe(2);
    expect(back.controller.registrations[0]).toEqual({ brokerEpoch: 2, fenced: true });
    expect(back.brokers).toHaveLength(3);
  });

  it('a broker is unfenced only once it has caught up with every partition it hosts', () => {
    const s = run(start(CONSUMER), [act.crash(1), act.fence(1), act.restart(1), act.metadata(1)]);
    expect(verdict(s, act.unfence(1))).toEqual(disabled('b1 has not caught up with the metadata log'));
    expect(verdict(run(s, [act.offsets(act.metadata(1))]), act.unfence(1))).toEqual(ENABLED);
  });

  it('lists broker events once per broker that hosts a replica, and the offsets partition’s actions with their partition', () => {
    const s = start({ ...CONSUMER, offsetsTopicReplicationFactor: 1, brokers: 3, replicationFactor: 1 });
    const enabled = enabledActions(s);
    expect(enabled.filter((a) => a.kind === 'brokerCrash').map((a) => ('broker' in a ? a.broker : -1))).toEqual([0]);
    expect(enabled).toContainEqual({ kind: 'consumerFetchOffset', broker: 0 });
    const committed = run(s, [act.send(0), act.resume(0), act.read(0), act.commit(0)]);
    expect(enabledActions(committed).filter((a) => a.kind === 'brokerFlush')).toEqual([
      { kind: 'brokerFlush', broker: 0 },
      { kind: 'brokerFlush', broker: 0, partition: OFFSETS_PARTITION },
    ]);
  });

  it('refuses a partition on a broker event or a consumer action, producer writes to __consumer_offsets, and partitions not modelled', () => {
    const s = start(CONSUMER);
    expect(verdict(s, act.offsets(act.crash(0)))).toEqual(disabled('brokerCrash happens to a whole broker: it names no partition'));
    expect(verdict(s, act.offsets(act.resume(0)))).toEqual(disabled('consumerFetchOffset is a consumer action: it names no partition'));
    expect(verdict(s, act.offsets(act.send(0)))).toEqual(disabled(`producers write the data partition; commits reach ${OFFSETS_PARTITION} through consumerCommit`));
    expect(verdict(start(), act.offsets(act.metadata(0)))).toEqual(disabled(`no ${OFFSETS_PARTITION} partition is modelled (a commits budget of 0)`));
  });

  it('retention never deletes from __consumer_offsets (compacted)', () => {
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, retention: 1 }, offsetsTopicReplicationFactor: 1 }), [act.resume(0), ...committedWrite(0, [1, 2]), act.read(0), act.read(0), act.commit(0)]);
    expect(verdict(s, act.offsets(act.deleteSegments(0)))).toEqual(disabled(`${OFFSETS_PARTITION} is compacted (cleanup.policy=compact): retention deletes no segment`));
    expect(replica(step(s, act.deleteSegments(0)), 0)?.logStartOffset).toBe(1);
  });

  it('counts lag-driven ISR shrinks per partition: the consumer’s partition takes none from the data partition', () => {
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, shrinks: 1 } }), [act.shrink(0, 1)]);
    expect(data(s).shrinks).toBe(1);
    expect(verdict(s, act.shrink(0, 2))).toEqual(disabled('the shrinks budget is spent'));
    expect(verdict(s, act.offsets(act.shrink(0, 2)))).toEqual(ENABLED);
  });
});

describe('__consumer_offsets on brokers that host no data replica', () => {
  it('starts with each partition led by the first broker of its assignment, every replica in its ISR', () => {
    const s = start(APART);
    expect(data(s).record).toMatchObject({ leader: 0, isr: [0, 1, 2] });
    expect(offsets(s).record).toMatchObject({ leader: 3, isr: [3, 4, 5] });
    expect(Object.keys(data(s).replicas).map(Number)).toEqual([0, 1, 2]);
    expect(Object.keys(offsets(s).replicas).map(Number)).toEqual([3, 4, 5]);
  });

  it('lets the consumer commit through its coordinator b3 and read from b0', () => {
    const s = run(start(APART), [act.resume(3), ...committedWrite(0, [1, 2]), act.read(0), act.read(0), act.commit(3)]);
    expect(ids(s, 3, OFFSETS_PARTITION)).toEqual([0]);
    expect(s.consumer?.commits.map((c) => c.position)).toEqual([1]);
    expect(verdict(s, act.commit(0))).toEqual(disabled('position 1 is already committed'));
  });

  it('a crash of an offsets-only broker changes only the offsets partition', () => {
    const s = start(APART);
    const crashed = step(s, act.crash(3));
    expect(crashed.brokers[3]?.status).toBe('down');
    expect(replica(crashed, 3, OFFSETS_PARTITION)?.leader).toBeNull();
    expect(data(crashed)).toBe(data(s));
    expect(offsets(crashed).ghost.uncleanShutdowns).toBe(1);
    const fenced = step(crashed, act.fence(3));
    expect(offsets(fenced).record).toMatchObject({ leader: null, isr: [4, 5] });
    expect(data(fenced)).toBe(data(s));
  });

  it('a crash of a data-only broker changes only the data partition', () => {
    const s = start(APART);
    const fenced = run(s, [act.crash(0), act.fence(0)]);
    expect(data(fenced).record).toMatchObject({ leader: null, isr: [1, 2] });
    expect(offsets(fenced)).toBe(offsets(s));
  });

  it('lists broker events for every hosting broker, in broker order', () => {
    const enabled = enabledActions(start(APART));
    expect(enabled.filter((a) => a.kind === 'brokerCrash').map((a) => ('broker' in a ? a.broker : -1))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a data partition action on a broker that hosts no data replica', () => {
    expect(verdict(start(APART), act.flush(3))).toEqual(disabled('b3 hosts no replica'));
    expect(verdict(start(APART), act.offsets(act.flush(0)))).toEqual(disabled('b0 hosts no replica'));
  });
});
