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
