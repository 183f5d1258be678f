import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, configWarnings, validateConfig } from '../../spec/config.js';

/** The field a ConfigError names for this input, or null when it is valid. */
function badField(input: unknown): string | null {
  try {
    validateConfig(input);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.field;
    throw error;
  }
}

describe('validateConfig', () => {
  it('fills every missing field with the safe default', () => {
    expect(validateConfig({})).toEqual(DEFAULT_CONFIG);
    expect(validateConfig(undefined)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({ brokers: 3, replicationFactor: 3, minInsyncReplicas: 2, acks: 'all' });
  });

  it('keeps valid overrides and defaults the budgets one by one', () => {
    const config = validateConfig({ brokers: 5, replicationFactor: 3, acks: 0, budgets: { crashes: 0 } });
    expect(config).toMatchObject({ brokers: 5, replicationFactor: 3, acks: 0 });
    expect(config.budgets).toEqual({ ...DEFAULT_CONFIG.budgets, crashes: 0 });
  });

  it('names replicationFactor when it exceeds the brokers (INVALID_REPLICATION_FACTOR)', () => {
    expect(badField({ brokers: 3, replicationFactor: 4 })).toBe('replicationFactor');
    expect(badField({ replicationFactor: 4 })).toBe('replicationFactor');
    expect(() => validateConfig({ replicationFactor: 4 })).toThrow(/replicationFactor: .*INVALID_REPLICATION_FACTOR/);
  });

  it('names acks for a value Kafka does not know, and maps -1 and "-1" to all', () => {
    expect(badField({ acks: 2 })).toBe('acks');
    expect(badField({ acks: 'none' })).toBe('acks');
    expect(validateConfig({ acks: -1 }).acks).toBe('all');
    expect(validateConfig({ acks: '-1' }).acks).toBe('all');
    expect(validateConfig({ acks: 1 }).acks).toBe(1);
  });

  it('names a count below its minimum', () => {
    expect(badField({ brokers: 0 })).toBe('brokers');
    expect(badField({ replicationFactor: 0 })).toBe('replicationFactor');
    expect(badField({ minInsyncReplicas: 0 })).toBe('minInsyncReplicas');
    expect(badField({ minInsyncReplicas: -1 })).toBe('minInsyncReplicas');
    expect(badField({ flushIntervalMessages: 0 })).toBe('flushIntervalMessages');
    expect(badField({ budgets: { records: -1 } })).toBe('budgets.records');
    expect(badField({ brokers: 2.5 })).toBe('brokers');
    expect(badField({ budgets: { crashes: 0 } })).toBeNull();
  });

  it('names unknown fields, an unknown era, an unknown fix and a wrongly typed flag', () => {
    expect(badField({ replicas: 3 })).toBe('replicas');
    expect(badField({ budgets: { floods: 1 } })).toBe('budgets.floods');
    expect(badField({ era: 'zk-0.8' })).toBe('era');
    expect(() => validateConfig({ era: 'zk-0.8' })).toThrow(/unknown era "zk-0.8" \(known: hw-truncation, kip-101, kip-279, kip-320, kraft, kip-966\)/);
    expect(badField({ withoutFixes: ['KAFKA-0'] })).toBe('withoutFixes');
    expect(badField({ uncleanLeaderElection: 'yes' })).toBe('uncleanLeaderElection');
    expect(badField([])).toBe('');
  });
});

describe('validateConfig: offsetsTopicAssignment', () => {
  it('defaults to brokers 0..offsetsTopicReplicationFactor-1', () => {
    expect(validateConfig({}).offsetsTopicAssignment).toEqual([0, 1, 2]);
    expect(validateConfig({ offsetsTopicReplicationFactor: 1 }).offsetsTopicAssignment).toEqual([0]);
    expect(validateConfig({ brokers: 5, offsetsTopicReplicationFactor: 4 }).offsetsTopicAssignment).toEqual([0, 1, 2, 3]);
    expect(validateConfig({ brokers: 2 }).offsetsTopicAssignment).toEqual([0, 1]); // the default factor 3, capped at the brokers
  });

  it('given alone, sets the replication factor, in the order given', () => {
    const config = validateConfig({ brokers: 6, offsetsTopicAssignment: [3, 4, 5] });
    expect(config).toMatchObject({ offsetsTopicAssignment: [3, 4, 5], offsetsTopicReplicationFactor: 3 });
    expect(validateConfig({ offsetsTopicAssignment: [2] })).toMatchObject({ offsetsTopicAssignment: [2], offsetsTopicReplicationFactor: 1 });
    expect(validateConfig({ offsetsTopicAssignment: [2, 0] }).offsetsTopicAssignment).toEqual([2, 0]);
  });

  it('given with an agreeing offsetsTopicReplicationFactor, is kept', () => {
    expect(validateConfig({ offsetsTopicReplicationFactor: 2, offsetsTopicAssignment: [1, 2] })).toMatchObject({
      offsetsTopicAssignment: [1, 2],
      offsetsTopicReplicationFactor: 2,
    });
  });

  it('names offsetsTopicAssignment when offsetsTopicReplicationFactor disagrees with it', () => {
    expect(badField({ offsetsTopicReplicationFactor: 2, offsetsTopicAssignment: [0, 1, 2] })).toBe('offsetsTopicAssignment');
    expect(badField({ offsetsTopicReplicationFactor: 3, offsetsTopicAssignment: [1] })).toBe('offsetsTopicAssignment');
  });

  it('names offsetsTopicAssignment for a broker that does not exist, a repeated broker or an empty list', () => {
    expect(badField({ offsetsTopicAssignment: [0, 3] })).toBe('offsetsTopicAssignment');
    expect(badField({ brokers: 5, offsetsTopicAssignment: [5] })).toBe('offsetsTopicAssignment');
    expect(() => validateConfig({ offsetsTopicAssignment: [0, 3] })).toThrow(/offsetsTopicAssignment: broker 3 does not exist/);
    expect(badField({ offsetsTopicAssignment: [1, 2, 1] })).toBe('offsetsTopicAssignment');
    expect(() => validateConfig({ offsetsTopicAssignment: [1, 1] })).toThrow(/offsetsTopicAssignment: broker 1 is listed twice/);
    expect(badField({ offsetsTopicAssignment: [] })).toBe('offsetsTopicAssignment');
    expect(badField({ offsetsTopicAssignment: 1 })).toBe('offsetsTopicAssignment');
  });

  it('names the entry of offsetsTopicAssignment that is not a broker id (a non-integer or a negative number)', () => {
    expect(badField({ offsetsTopicAssignment: [0, 1.5] })).toBe('offsetsTopicAssignment[1]');
    expect(badField({ offsetsTopicAssignment: ['0'] })).toBe('offsetsTopicAssignment[0]');
    expect(badField({ offsetsTopicAssignment: [-1] })).toBe('offsetsTopicAssignment[0]');
  });
});

describe('configWarnings', () => {
  it('warns when min.insync.replicas is above the replication factor, which is legal (rule 24)', () => {
    const config = validateConfig({ minInsyncReplicas: 4 });
    const warnings = configWarnings(config);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/min\.insync\.replicas=4 is above the replication factor 3/);
  });

  it('is silent up to the replication factor', () => {
    expect(configWarnings(validateConfig({ minInsyncReplicas: 3 }))).toEqual([]);
    expect(configWarnings(validateConfig({}))).toEqual([]);
  });
});
