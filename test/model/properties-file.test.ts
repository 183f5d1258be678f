/** Kafka's own properties files as configuration: mapping, Kafka's defaults, overrides, errors naming the line. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProperties, readProperties } from '../../model/config/properties-file.js';
import { loadConfig } from '../../model/config/flags.js';
import { cli, expectBadInput, tempDir } from '../cli.js';

describe('readProperties', () => {
  it('maps the settings the model knows, in any of the format’s separators, and names their lines', () => {
    const reading = readProperties('server', 's.properties', '# comment\ndefault.replication.factor = 3\nmin.insync.replicas: 2\nunclean.leader.election.enable true\n');
    expect(reading.settings).toEqual({ replicationFactor: 3, minInsyncReplicas: 2, uncleanLeaderElection: true });
    expect(reading.sources).toEqual({ replicationFactor: 's.properties:2', minInsyncReplicas: 's.properties:3', uncleanLeaderElection: 's.properties:4' });
  });

  it('reads continuation lines and treats Kafka’s Long.MAX_VALUE flush interval as the lazy default', () => {
    const reading = readProperties('server', 's', 'log.flush.interval.messages=9223372036\\\n  854775807\nmin.insync.replicas=1\n');
    expect(reading.settings).toEqual({ flushIntervalMessages: null, minInsyncReplicas: 1 });
    expect(reading.sources.minInsyncReplicas).toBe('s:3');
  });

  it('lists settings it does not model as ignored, with the reason', () => {
    const reading = readProperties('producer', 'p', 'acks=1\nretries=5\nlinger.ms=5\n');
    expect(reading.settings).toEqual({ acks: 1, producerRetries: 5 });
    expect(reading.ignored).toEqual(['p:3 linger.ms: not a setting the model uses']);
    expect(readProperties('server', 's', 'transaction.state.log.min.isr=2\n').ignored).toEqual(['s:1 transaction.state.log.min.isr: transactions are not modelled']);
  });

  it("reads the producer's delivery settings as Kafka types them", () => {
    const reading = readProperties('producer', 'p', 'enable.idempotence=TRUE\nretries=0\nmax.in.flight.requests.per.connection=1\n');
    expect(reading.settings).toEqual({ enableIdempotence: true, producerRetries: 0, maxInFlight: 1 });
    expect(() => readProperties('producer', 'p', 'retries=-1\n')).toThrow(/p:1: retries: must be at least 0, got -1/);
    expect(() => readProperties('producer', 'p', 'max.in.flight.requests.per.connection=0\n')).toThrow(/p:1: max.in.flight.requests.per.connection: must be at least 1, got 0/);
  });

  it.each([
    ['min.insync.replicas=0\n', /s:1: min.insync.replicas: must be at least 1, got 0/],
    ['num.partitions=3\ndefault.replication.factor=three\n', /s:2: default.replication.factor: expected a positive integer, got "three"/],
    ['unclean.leader.election.enable=yes\n', /s:1: unclean.leader.election.enable: expected true or false/],
    ['# ok\nmin.insync.replicas\n', /s:2: "min.insync.replicas" has no value/],
  ])('%j is refused naming the line', (text, message) => {
    expect(() => readProperties('server', 's', text)).toThrow(message);
  });
});

describe('readProperties: Kafka’s parsing of values (ConfigDef.parseType after java.util.Properties)', () => {
  const server = (text: string) => readProperties('server', 's', text);

  it('reads a BOOLEAN trimmed and in any case', () => {
    for (const value of ['TRUE', 'True', ' true \t', 'falſe']) {
      expect(server(`unclean.leader.election.enable=${value}\n`).settings.uncleanLeaderElection).toBe(value !== 'falſe');
    }
  });

  it('reads an INT, SHORT or LONG as Java’s parseInt does: trimmed, an optional sign, any decimal digits', () => {
    expect(server('min.insync.replicas=+3\ndefault.replication.factor= 3 \noffsets.topic.replication.factor=\\uFF12\n').settings).toEqual({
      minInsyncReplicas: 3,
      replicationFactor: 3,
      offsetsTopicReplicationFactor: 2,
    });
    expect(server('log.retention.bytes=+0\n').settings.retention).toBe(true);
  });

  it.each([
    ['min.insync.replicas=3.0\n', /^s:1: min.insync.replicas: expected a positive integer, got "3.0" \(Kafka reads an INT: /],
    ['\ndefault.replication.factor=0x10\n', /^s:2: default.replication.factor: expected a positive integer, got "0x10" \(Kafka reads an INT: /],
    ['min.insync.replicas=3 3\n', /^s:1: min.insync.replicas: expected a positive integer, got "3 3" \(Kafka reads an INT: /],
    ['min.insync.replicas=+\n', /^s:1: min.insync.replicas: expected a positive integer, got "\+" /],
    ['min.insync.replicas=2\u00a0\n', /^s:1: min.insync.replicas: expected a positive integer, got "2\u00a0" /],
    ['min.insync.replicas=2147483648\n', /^s:1: min.insync.replicas: expected a positive integer, got "2147483648" \(Kafka reads an INT: .*to 2147483647\)$/],
    ['offsets.topic.replication.factor=32768\n', /^s:1: offsets.topic.replication.factor: expected a positive integer, got "32768" \(Kafka reads a SHORT: .*to 32767\)$/],
    ['log.retention.hours=2147483648\n', /^s:1: log.retention.hours: expected -1 \(unlimited\) or a non-negative integer, got "2147483648" \(Kafka reads an INT: /],
    ['log.flush.interval.messages=9223372036854775808\n', /^s:1: log.flush.interval.messages: expected a positive integer, got "9223372036854775808" \(Kafka reads a LONG: .*to 9223372036854775807\)$/],
  ])('%j is refused as Kafka refuses it, naming the line and Kafka’s type', (text, message) => {
    expect(() => server(text)).toThrow(message);
  });

  it('keeps the range checks of the model after Kafka’s parsing', () => {
    expect(() => server('min.insync.replicas=-3\n')).toThrow(/^s:1: min.insync.replicas: must be at least 1, got -3$/);
  });

  it('warns that a UTF-8 byte order mark spoils the first key, which is then not the setting (as in Kafka)', () => {
    const reading = server('\u00ef\u00bb\u00bfmin.insync.replicas=2\nunclean.leader.election.enable=true\n');
    expect(reading.settings).toEqual({ uncleanLeaderElection: true });
    expect(reading.warnings).toEqual([
      's:1: a UTF-8 byte order mark starts the line: Kafka reads .properties files as ISO-8859-1, so the key is "ï»¿min.insync.replicas", not "min.insync.replicas", and is ignored (save the file without the mark)',
    ]);
    expect(reading.ignored).toEqual(['s:1 ï»¿min.insync.replicas: not a setting: a byte order mark starts the key']);
  });

  it('warns that a byte order mark in a file on disk spoils the first key', () => {
    const file = join(tempDir(), 'server.properties');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('min.insync.replicas=2\n')]));
    const reading = loadProperties('server', file);
    expect(reading.settings).toEqual({});
    expect(reading.warnings).toEqual([expect.stringMatching(new RegExp(`^${file}:1: a UTF-8 byte order mark starts the line: .* the key is "ï»¿min.insync.replicas", not "min.insync.replicas", and is ignored`))]);
  });

  it('keeps the last of a duplicated key, as java.util.Properties does, and warns naming both lines', () => {
    const reading = server('min.insync.replicas=two\nnum.partitions=1\nmin.insync.replicas=2\nnum.partitions=3\n');
    expect(reading.settings).toEqual({ minInsyncReplicas: 2 });
    expect(reading.sources).toEqual({ minInsyncReplicas: 's:3' });
    expect(reading.ignored).toEqual(['s:4 num.partitions: one partition is modelled; partitions replicate independently']);
    expect(reading.warnings).toEqual([
      's:3: min.insync.replicas is set again (first at s:1): Kafka keeps the last value',
      's:4: num.partitions is set again (first at s:2): Kafka keeps the last value',
    ]);
  });

  it('reads a file without warnings as having none', () => {
    expect(server('min.insync.replicas=2\n').warnings).toEqual([]);
  });
});

it('reads a producer setting only from the producer file', () => {
  expect(readProperties('server', 's', '\n\nacks=2\n').ignored).toEqual(['s:3 acks: not a setting the model uses']);
  expect(() => readProperties('producer', 'p', '\n\nacks=2\n')).toThrow(/p:3: acks: expected 0, 1, all or -1, got "2"/);
});

describe('loadConfig with files', () => {
  const write = (text: string): string => {
    const file = join(tempDir(), 'server.properties');
    writeFileSync(file, text);
    return file;
  };

  it('takes Kafka’s defaults for what the file leaves out, not the checker’s safe ones', () => {
    const { config, sources } = loadConfig({ 'server-properties': write('num.partitions=3\n') });
    expect(config).toMatchObject({ brokers: 3, replicationFactor: 1, minInsyncReplicas: 1, acks: 'all', uncleanLeaderElection: false, flushIntervalMessages: null });
    expect(sources).toContain("from: min.insync.replicas=1 (Kafka 4.1.0's default)");
  });

  it.each([
    ['hw-truncation', 1, true],
    ['kip-101', 1, false],
    ['kip-320', 1, false],
    ['kraft', 'all', false],
  ] as const)("takes the defaults of the era's release: %s has acks=%s, unclean.leader.election.enable=%s (KIP-679, KIP-106)", (era, acks, unclean) => {
    const { config, sources } = loadConfig({ 'server-properties': write('num.partitions=3\n'), era });
    expect(config).toMatchObject({ era, acks, uncleanLeaderElection: unclean, minInsyncReplicas: 1, replicationFactor: 1 });
    expect(sources.find((line) => line.startsWith('from: acks='))).toMatch(/\(Kafka \d+\.\d+\.\d+'s default\)$/);
  });

  it('keeps the safe baseline without files, whatever the era', () => {
    expect(loadConfig({ era: 'hw-truncation' }).config).toMatchObject({ acks: 'all', minInsyncReplicas: 2, uncleanLeaderElection: false, replicationFactor: 3 });
  });

  it('lets the replication factor decide the broker count, and flags override the file', () => {
    const file = write('default.replication.factor=5\nmin.insync.replicas=3\n');
    expect(loadConfig({ 'server-properties': file }).config).toMatchObject({ brokers: 5, replicationFactor: 5, minInsyncReplicas: 3 });
    const overridden = loadConfig({ 'server-properties': file, 'min-isr': '2', brokers: '6' });
    expect(overridden.config).toMatchObject({ brokers: 6, replicationFactor: 5, minInsyncReplicas: 2 });
    expect(overridden.sources).toContain('from: min.insync.replicas=2 (--min-isr)');
    expect(overridden.sources).toContain(`from: default.replication.factor=5 (${file}:1)`);
  });
});

describe('loadConfig: __consumer_offsets and retention', () => {
  const write = (text: string): string => {
    const file = join(tempDir(), 'server.properties');
    writeFileSync(file, text);
    return file;
  };

  it('maps offsets.topic.replication.factor, Kafka’s default 3, and lets it decide the broker count', () => {
    expect(loadConfig({ 'server-properties': write('num.partitions=1\n') }).config.offsetsTopicReplicationFactor).toBe(3);
    const file = write('offsets.topic.replication.factor=4\n');
    expect(loadConfig({ 'server-properties': file }).config).toMatchObject({ brokers: 4, replicationFactor: 1, offsetsTopicReplicationFactor: 4 });
    expect(loadConfig({ 'server-properties': file, 'offsets-rf': '1' }).sources).toContain('from: offsets.topic.replication.factor=1 (--offsets-rf)');
  });

  it('makes the retention budget 1 when a file sets retention, 0 when it sets none or only -1 (unlimited)', () => {
    const retention = (text: string, flags: Record<string, string> = {}) => loadConfig({ 'server-properties': write(text), ...flags });
    const set = retention('log.retention.hours=168\n');
    expect(set.config.budgets.retention).toBe(1);
    expect(set.sources.some((line) => /^from: retention budget 1 \(log\.retention\.\* at .*:1\)$/.test(line))).toBe(true);
    expect(retention('log.retention.hours=-1\n').config.budgets.retention).toBe(0);
    expect(retention('num.partitions=1\n').config.budgets.retention).toBe(0);
    expect(retention('log.retention.bytes=1073741824\n', { retention: '3' }).config.budgets.retention).toBe(3);
    expect(() => retention('log.retention.hours=-2\n')).toThrow(/:1: log.retention.hours: expected -1 \(unlimited\) or a non-negative integer/);
  });
});

describe('check --server-properties', () => {
  it('checks the seed’s own files, saying where each value came from', () => {
    const args = ['--server-properties', 'examples/seed-server.properties', '--producer-properties', 'examples/seed-producer.properties', '--seed', '1', '--out', tempDir()];
    const result = cli('check', ...args, '--runs', '100', '--invariant', 'acked-never-lost');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/from: acks=all \(examples\/seed-producer.properties:2\)/);
    expect(result.stdout).toMatch(/from: offsets.topic.replication.factor=3 \(examples\/seed-server.properties:\d+\)/);
    expect(result.stdout).toMatch(/from: retention budget 1 \(log.retention.\* at examples\/seed-server.properties:\d+\)/);
    expect(result.stdout).toMatch(/ignored: examples\/seed-server.properties:\d+ transaction.state.log.replication.factor: transactions are not modelled/);
  }, 30_000);

  it('exits 2 naming the line of a malformed file, and naming a missing file', () => {
    const file = join(tempDir(), 'bad.properties');
    writeFileSync(file, 'min.insync.replicas=two\n');
    expectBadInput('check', ['--server-properties', file], new RegExp(`${file}:1: min.insync.replicas: expected a positive integer`));
    expectBadInput('check', ['--server-properties', '/no/such.properties'], /--server-properties: cannot read \/no\/such.properties: ENOENT/);
  }, 30_000);
});
