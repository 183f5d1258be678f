import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../../../properties/acked-never-lost.js';
import { judgeViolation } from '../../../properties/judgement.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';

const oneDisk = { budgets: { diskLosses: 1 } };

describe('brokerReplaceDisk: a broker starts again with empty log directories and the same id (rule 32)', () => {
  it('halts a running broker, empties every log it hosts and starts it again: KRaft fences the old incarnation, out of the ISR', () => {
    const s = run(start({ era: 'kraft', ...oneDisk }), committedWrite(0, [1, 2]));
    expect(ids(s, 1)).toEqual([0]);
    expect(verdict(s, act.replaceDisk(1))).toEqual(ENABLED);
    const end = step(s, act.replaceDisk(1));
    expect(replica(end, 1)).toMatchObject({ log: [], epochs: [], hw: 0, flushed: 0, hwCheckpoint: 0, logStartOffset: 0, view: null });
    expect(end.brokers[1]).toMatchObject({ status: 'running', brokerEpoch: 2, cleanShutdownEpoch: null });
    expect(end.controller.registrations[1]).toEqual({ brokerEpoch: 2, fenced: true });
    expect(data(end).record.isr).toEqual([0, 2]);
    expect(data(end).ghost.events.emptyLogReturned).toBe(true);
    // Counted (rule 22), then cleared: the ISR still holds min.insync.replicas running members.
    expect(data(end).ghost).toMatchObject({ maxUncleanShutdowns: 1, uncleanShutdowns: 0 });
    expect(data(end).ghost.excuses).toContainEqual({ id: 0, cause: 'disk-loss', broker: 1, uncleanShutdowns: 1 });
    expect(end.budget.diskLosses).toBe(1);
    expect(verdict(end, act.replaceDisk(2))).toEqual(disabled('the diskLosses budget is spent'));
  });

  it('ZooKeeper before 2.2 misses a quick bounce (KAFKA-1120): the empty leader stays leader and in the ISR, a broken promise', () => {
    const s = run(start({ era: 'kip-320', ...oneDisk }), committedWrite(0, [1, 2]));
    const end = run(s, [act.replaceDisk(0), act.metadata(0)]);
    expect(data(end).record).toMatchObject({ leader: 0, isr: [0, 1, 2] });
    expect(ids(end, 0)).toEqual([]);
    expect(ackedNeverLost.check(end)).not.toBeNull();
    const judged = judgeViolation(end.config, ackedNeverLost, end);
    expect(judged.judged).toBe('broken');
    expect(judged.reason).toMatch(/b0's replaced disk took w0@0, yet the leader lacks it while b1, in the ISR, still holds it/);
  });

  it('KIP-966: the clean-shutdown marker went with the disk, so the return is unclean (out of ISR and ELR) and counted', () => {
    const s = run(start({ era: 'kip-966', ...oneDisk }), [...committedWrite(0, [1, 2]), act.shutdown(1)]);
    expect(s.brokers[1]?.cleanShutdownEpoch).toBe(1);
    expect(data(s).ghost.uncleanShutdowns).toBe(0);
    const end = step(s, act.replaceDisk(1));
    expect(data(end).record.isr).not.toContain(1);
    expect(data(end).record.elr).not.toContain(1);
    expect(data(end).ghost.maxUncleanShutdowns).toBe(1);
  });

  it('waits, like a restart, for the controller to notice a machine rebooting after a power loss', () => {
    const s = run(start({ era: 'kraft', budgets: { diskLosses: 1, powerLosses: 1 } }), [act.powerLoss(1)]);
    expect(verdict(s, act.replaceDisk(1))).toEqual(disabled("b1 is rebooting after a power loss; the controller notices (fences it) first"));
    expect(verdict(run(s, [act.fence(1)]), act.replaceDisk(1))).toEqual(ENABLED);
  });
});
