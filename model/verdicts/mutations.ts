/**
 * Mutation tests as data: for every guard tagged `// CHECK: <invariant>` in spec/, the configuration
 * in which removing its switch (`--without-fix`) lets the checker find a violation of that invariant,
 * while the same configuration with the guard in place finds none; or, where the model cannot observe
 * the guard, why, and what change would make it observable. `test/mutations.test.ts` checks that every
 * tagged guard has an entry and enforces each one both ways.
 */
import type { SwitchName } from '../../spec/switches.js';
import { budgets } from './verdicts.js';

/** Random runs of `check`: a seed and how many runs. */
export interface Runs {
  readonly seed: number;
  readonly runs: number;
}

export type Mutation =
  | {
      readonly guard: SwitchName;
      /** The configuration, without the `--without-fix` that removes the guard. */
      readonly flags: readonly string[];
      readonly invariant: string;
      /**
       * How the violation is found with the guard removed: random runs of `check`, or, where random
       * search is too weak, the counterexample `explore` found (saved in counterexamples/).
       */
      readonly found: Runs | { readonly trace: string };
      /** The random runs that find nothing with the guard in place. */
      readonly kept: Runs;
    }
  | {
      readonly guard: SwitchName;
      /** Why removing the guard changes nothing an invariant can see, and what would. */
      readonly unobservable: string;
    };

export const MUTATIONS: readonly Mutation[] = [
  {
    guard: 'check:acks-all-admission',
    unobservable:
      'a write admitted below min.insync.replicas is still refused at completion (NOT_ENOUGH_REPLICAS_AFTER_APPEND, KIP-497), so no acknowledged record depends on admission; an invariant counting NOT_ENOUGH_REPLICAS_AFTER_APPEND records that stay readable would observe it',
  },
  { guard: 'check:acks-all-completion', flags: ['--without-fix', 'KAFKA-15583', ...budgets({ shrinks: 2, 'power-losses': 1 })], invariant: 'acked-never-lost', found: { seed: 1, runs: 5000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:hw-min-isr-leo', flags: budgets({ fences: 1 }), invariant: 'acked-never-lost', found: { seed: 1, runs: 2000 }, kept: { seed: 1, runs: 2000 } },
  // strong-isr sees the lagging follower in the ISR at once; the loss it leads to takes an explorer's
  // trace (counterexamples/check-isr-join-caught-up.json, acked-never-lost).
  { guard: 'check:isr-join-caught-up', flags: budgets({ fences: 1, shrinks: 1 }), invariant: 'strong-isr', found: { seed: 1, runs: 1000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:clean-election-from-isr', flags: budgets({ fences: 1, shrinks: 1 }), invariant: 'acked-never-lost', found: { seed: 1, runs: 5000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:preferred-in-isr', flags: ['--leader-moves', '1', ...budgets({ fences: 1 })], invariant: 'acked-never-lost', found: { seed: 1, runs: 3000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:reassignment-caught-up', flags: ['--era', 'kraft', '--brokers', '4', '--rf', '3', '--reassignments', '1', ...budgets({ fences: 1, shutdowns: 1 })], invariant: 'isr-within-replicas', found: { seed: 1, runs: 1000 }, kept: { seed: 1, runs: 2000 } },
  // The default producer of KRaft's eras is idempotent (KIP-679): without the check a retry after a lost answer is appended again.
  { guard: 'check:idempotent-duplicate', flags: ['--era', 'kraft', '--retries', '2', '--records', '2'], invariant: 'no-duplicates', found: { seed: 1, runs: 1000 }, kept: { seed: 1, runs: 2000 } },
  // Without it, one request in flight no longer keeps order: a new batch overtakes the one awaiting its retry.
  {
    guard: 'check:retry-before-new-batch',
    flags: ['--era', 'kip-320', '--idempotence', 'false', '--producer-retries', '5', '--max-in-flight', '1', '--records', '3', '--retries', '2', '--crashes', '0', '--fences', '0', '--shutdowns', '0', '--commits', '0'],
    invariant: 'producer-order',
    found: { seed: 1, runs: 3000 },
    kept: { seed: 1, runs: 2000 },
  },
  { guard: 'check:alter-partition-epochs', flags: budgets({ fences: 2, shrinks: 1 }), invariant: 'acked-never-lost', found: { trace: 'acked-never-lost--kip-966-acksall-rf3-isr2-without-check-alter-partition-epochs-records1-crashes0-fences2-shutdowns0-shrinks1-commits0--e1ee51c0.json' }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:stale-fetch-dropped', flags: ['--brokers', '2', '--acks', '1', ...budgets({ records: 2, fences: 1 })], invariant: 'log-matching', found: { seed: 1, runs: 10000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:truncate-on-divergence', flags: ['--brokers', '2', '--acks', '1', ...budgets({ records: 2, fences: 1 })], invariant: 'log-matching', found: { seed: 1, runs: 5000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'check:resume-without-position', flags: [], invariant: 'monotonic-poll', found: { trace: 'monotonic-poll--kip-966-acksall-rf3-isr2-without-check-resume-without-position--a334a5b6.json' }, kept: { seed: 1, runs: 1000 } },
  { guard: 'check:retention-below-hw', flags: ['--retention', '1', ...budgets({ crashes: 1, fences: 1 })], invariant: 'acked-never-lost', found: { seed: 1, runs: 2000 }, kept: { seed: 1, runs: 2000 } },
  { guard: 'KIP-320', flags: ['--era', 'kip-320', '--acks', '1', ...budgets({ records: 2, crashes: 1, fences: 1 })], invariant: 'log-matching', found: { trace: 'kip-320-zombie-follower.json' }, kept: { seed: 1, runs: 2000 } },
  {
    guard: 'KIP-841',
    unobservable:
      'a fenced broker the controller lets into the ISR loses records only if it lost power: KRaft 3.6 then already loses acknowledged records with the same faults (last replica standing), and KIP-966 takes an uncleanly restarted broker out of the ISR at registration; an invariant that no fenced broker joins the ISR would observe it',
  },
  { guard: 'KIP-903', flags: budgets({ fences: 1, shrinks: 1, 'power-losses': 1 }), invariant: 'acked-never-lost', found: { trace: 'kip-903.json' }, kept: { seed: 1, runs: 2000 } },
  { guard: 'KAFKA-7128', flags: ['--brokers', '4', ...budgets({ crashes: 1, fences: 1, shrinks: 1 })], invariant: 'acked-never-lost', found: { trace: 'kafka-7128.json' }, kept: { seed: 1, runs: 2000 } },
  { guard: 'KAFKA-15583', flags: ['--brokers', '2', ...budgets({ shrinks: 1, 'power-losses': 1 })], invariant: 'consistent-read', found: { seed: 1, runs: 3000 }, kept: { seed: 1, runs: 2000 } },
  {
    guard: 'KAFKA-14704',
    unobservable:
      'the HW a follower takes from a diverging response is clamped by the truncation in the same step; it covers divergent records only when the truncation is incomplete (the follower never saw the leader’s epoch), and such a follower is outside the ISR, so no consumer reads from it and it cannot lead before its next fetch; reads from followers (KIP-392) would observe it',
  },
];
