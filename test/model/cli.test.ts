/** The CLI as a user runs it: exit codes, error lines that name the field, saved findings. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectBadInput, tempDir } from '../cli.js';

describe('check: bad input exits 2 with one line naming the field', () => {
  it.each([
    [['--rf', '4', '--brokers', '3'], /replication factor 4 is larger than the 3 available brokers/],
    [['--acks', '2'], /--acks: unknown value "2" \(known: 0, 1, all, -1\)/],
    [['--records=-1'], /--records \(budgets\.records\): must be at least 0/],
    [['--era', 'kafka-0.7'], /--era: unknown value "kafka-0.7" \(known: hw-truncation, .*kip-966\)/],
    [['--invariant', 'no-such'], /--invariant: unknown value "no-such" \(known: acked-never-lost, /],
    [['--runs', 'many'], /--runs: expected an integer/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--offsets-rf', '4'], /--offsets-rf \(offsetsTopicReplicationFactor\): offsets.topic.replication.factor 4 is larger than the 3 available brokers/],
    [['--auto-offset-reset', 'sometimes'], /--auto-offset-reset: unknown value "sometimes" \(known: earliest, latest, none\)/],
    [['--segment-records', '0'], /--segment-records \(segmentRecords\): must be at least 1/],
    [['--commits', 'two'], /--commits: expected an integer/],
    [['--offsets-assignment', '3,4'], /--offsets-assignment: expected broker ids joined by colons/],
    [['--offsets-assignment', '1:3'], /--offsets-assignment \(offsetsTopicAssignment\): broker 3 does not exist/],
    [['--offsets-assignment', '1:1'], /--offsets-assignment \(offsetsTopicAssignment\): broker 1 is listed twice/],
    [['--offsets-assignment', '1:2', '--offsets-rf', '3'], /--offsets-assignment \(offsetsTopicAssignment\): names 2 replicas, but offsets.topic.replication.factor is 3/],
    [['--era', 'kip-320', '--unclean-elections', '1'], /--unclean-elections \(budgets\.uncleanElections\): era kip-320 is Kafka 2\.1\.0 \(ZooKeeper\), which has no ElectLeaders API/],
    [['--reassignments', '1'], /--reassignments \(budgets\.reassignments\): a reassignment needs a broker outside the partition's assignment, but all 3 brokers host a replica \(replication factor 3\): add one with --brokers 4/],
    [['--scenario', 'rolling-upgrade'], /--scenario: unknown value "rolling-upgrade" \(known: rolling-restart\)/],
    [['--wait-for-isr', 'maybe'], /--wait-for-isr: unknown value "maybe" \(known: true, false\)/],
  ])('%j', (args, message) => {
    expectBadInput('check', args, message);
  });
});

describe('check', () => {
  it('accepts min.insync.replicas above RF with a warning naming it, and finds nothing', () => {
    const result = cli('check', '--min-isr', '4', '--runs', '50', '--seed', '1', '--out', tempDir());
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: min\.insync\.replicas=4 is above the replication factor 3/);
    expect(result.stdout).toMatch(/seed 1, runs 50/);
  });
  it('says that KRaft 3.6 ignores unclean.leader.election.enable (KAFKA-12670), and checks as without it', () => {
    const args = ['--era', 'kraft', '--min-isr', '1', '--records', '1', '--crashes', '1', '--shrinks', '2', '--commits', '0', '--runs', '300', '--seed', '1', '--pass-states', '0', '--out', tempDir()];
    const withFlag = cli('check', ...args, '--unclean', 'true');
    expect(withFlag.stderr).toMatch(/warning: unclean\.leader\.election\.enable=true is ignored in era kraft: .*KAFKA-12670/);
    const without = cli('check', ...args);
    expect(without.stderr).not.toMatch(/warning/);
    expect([withFlag.status, without.status]).toEqual([0, 0]);
  });
  it('places __consumer_offsets on the brokers --offsets-assignment names, and says so', () => {
    const result = cli('check', '--brokers', '4', '--offsets-assignment', '3', '--runs', '30', '--seed', '1', '--out', tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/offsets\.topic\.replication\.factor 1 on b3,/);
  });
  it('finishes with its finding on twelve brokers (replication factor 12): shrinking does not try every ordering of the replicas', () => {
    const result = cli('check', '--acks', '1', '--brokers', '12', '--seed', '1', '--runs', '200', '--out', tempDir());
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/acked-never-lost +VIOLATED/);
  }, 60_000);
  it('--broken-only passes over the losses a run excuses and finds the broken promise', () => {
    // The two loss invariants: strong-isr would report the restarted follower's gap, the loss's first step.
    const flags = ['--era', 'hw-truncation', '--unclean', 'true', '--invariant', 'acked-never-lost', '--invariant', 'consistent-read', '--seed', '1', '--runs', '2000', '--pass-states', '0', '--commits', '0'];
    const plain = cli('check', ...flags, '--out', tempDir());
    expect(plain.status).toBe(1);
    expect(plain.stdout).toMatch(/violated: loss allowed: an unclean election of b\d+ \(leader epoch \d+, unclean\.leader\.election\.enable\)/);
    const broken = cli('check', ...flags, '--broken-only', '--out', tempDir());
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/verdict: BROKEN PROMISE: acked-never-lost fails, w0@0 was committed, and lost with no unclean election .* \(w0 committed at step \d+\)/);
  }, 120_000);
  it('exits 1 on acks=1, saves the shrunk trace once, and says how to replay it', () => {
    const out = tempDir();
    const first = cli('check', '--acks', '1', '--seed', '1', '--runs', '200', '--out', out);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/acked-never-lost +VIOLATED/);
    expect(first.stdout).toMatch(/loss allowed: w\d+@\d+ was never committed: acknowledged under acks=1/);
    expect(first.stdout).toMatch(/replay: npm run replay -- /);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    const again = cli('check', '--acks', '1', '--seed', '1', '--runs', '200', '--out', out);
    expect(again.stdout).toMatch(/already saved as/);
    expect(readdirSync(out)).toEqual(files);
    const replay = cli('replay', join(out, files[0] ?? ''));
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/verdict: reproduced: acked-never-lost/);
  });
});

describe('replay', () => {
  it('exits 1 when a trace diverges from its expected verdict', () => {
    const file = join(tempDir(), 'diverges.json');
    writeFileSync(file, JSON.stringify({ expect: { verdict: 'holds' }, config: { acks: 0 }, steps: [{ kind: 'producerSend', broker: 1, acks: 0 }] }));
    const result = cli('replay', file, '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ reproduced: false, violations: [{ invariant: 'acked-never-lost', step: 0 }] });
  });
  it('exits 2 on a malformed trace, naming the file and the field', () => {
    const file = join(tempDir(), 'malformed.json');
    writeFileSync(file, JSON.stringify({ steps: [{ kind: 'brokerCrash', broker: 'zero' }] }));
    const result = cli('replay', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/malformed\.json: steps\[0\]\.broker: /);
  });
});
