import { describe, expect, it } from 'vitest';
import { configFromArgs } from '../../model/config/flags.js';
import { DATA_PARTITION } from '../../spec/config.js';
import { step } from '../../spec/step.js';
import { ENABLED, act, disabled, run, start, verdict } from '../builders.js';

const roll = (waitForIsr: boolean) => start({ era: 'kraft', scenario: 'rolling-restart', waitForIsr, budgets: { shutdowns: 3 } });

describe('--scenario rolling-restart', () => {
  it('shuts each broker down once, the next only after the previous one runs again', () => {
    const s = step(roll(false), act.shutdown(0));
    expect(s.rollingRestart?.rolled).toEqual([0]);
    expect(verdict(s, act.shutdown(1))).toEqual(disabled('the rolling restart waits for b0 to start again'));
    const back = step(s, act.restart(0));
    expect(verdict(back, act.shutdown(1))).toEqual(ENABLED);
    expect(verdict(run(back, [act.shutdown(1), act.restart(1)]), act.shutdown(0))).toEqual(disabled('the rolling restart already restarted b0'));
  });

  it('waiting for the ISR, the next broker waits until every ISR holds every replica again', () => {
    const back = run(roll(true), [act.shutdown(0), act.restart(0)]);
    expect(verdict(back, act.shutdown(1))).toEqual(disabled(`the rolling restart waits for ${DATA_PARTITION}'s ISR to be whole`));
    const whole = run(back, [act.elect(1), act.metadata(1), act.metadata(2), act.metadata(0), act.unfence(0), ...act.fetch(2), ...act.fetch(0), act.serve(0), act.handleAlter(1)]);
    expect(verdict(whole, act.shutdown(2))).toEqual(ENABLED);
  });

  it('leaves shutdowns alone outside a roll', () => {
    const s = start({ era: 'kraft', budgets: { shutdowns: 2 } });
    expect(s.rollingRestart).toBeNull();
    expect(verdict(step(s, act.shutdown(0)), act.shutdown(1))).toEqual(ENABLED);
  });

  it('from the command line: a clean shutdown per broker and no other stop unless asked for', () => {
    const config = configFromArgs(['--scenario', 'rolling-restart', '--brokers', '4']);
    expect(config).toMatchObject({ scenario: 'rolling-restart', waitForIsr: true });
    expect(config.budgets).toMatchObject({ shutdowns: 4, crashes: 0, powerLosses: 0, fences: 0 });
    expect(configFromArgs(['--scenario', 'rolling-restart', '--crashes', '1', '--wait-for-isr', 'false'])).toMatchObject({ waitForIsr: false, budgets: { crashes: 1, shutdowns: 3 } });
  });
});
