import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../spec/config.js';
import { rulesOf } from '../../spec/eras/index.js';
import type { EraName } from '../../spec/eras/names.js';
import { MAX_RETRIES } from '../../spec/producer-settings.js';
import { config } from '../builders.js';

type Producer = Parameters<typeof config>[0] extends infer C ? (C extends { producer?: infer P } ? P : never) : never;

const settings = (era: EraName, producer: Partial<NonNullable<Producer>> = {}, acks: 0 | 1 | 'all' = 'all') =>
  rulesOf(config({ era, acks, producer: { enableIdempotence: null, retries: null, maxInFlight: null, ...producer } })).producer;

describe("the producer's settings, as each era's client resolves them (rules 29-30)", () => {
  it.each([
    ['hw-truncation', false, 0, 5],
    ['kip-101', false, 0, 5],
    ['kip-279', false, 0, 5],
    ['kip-320', false, MAX_RETRIES, 5],
    ['kraft', true, MAX_RETRIES, 5],
    ['kip-966', true, MAX_RETRIES, 5],
  ] as const)('%s by default: idempotence %s, retries %d, %d in flight', (era, idempotence, retries, maxInFlight) => {
    expect(settings(era)).toMatchObject({ idempotence, retries, maxInFlight });
  });

  it('an explicit idempotence before 2.1 takes retries Integer.MAX_VALUE, and in 0.11 one request in flight', () => {
    expect(settings('kip-101', { enableIdempotence: true })).toMatchObject({ idempotence: true, retries: MAX_RETRIES, maxInFlight: 1, dedupWindow: 1, unknownProducer: 'sequence-0-only' });
    expect(settings('kip-279', { enableIdempotence: true })).toMatchObject({ maxInFlight: 5, dedupWindow: 5, unknownProducer: 'UNKNOWN_PRODUCER_ID' });
    expect(settings('kraft')).toMatchObject({ dedupWindow: 5, unknownProducer: 'accept' });
  });

  it('a default idempotence gives way, silently, to acks=1, retries=0 or more than 5 in flight (KAFKA-13673)', () => {
    expect(settings('kraft', {}, 1)).toMatchObject({ idempotence: false, why: 'on by default in Kafka 3.6.0, silently turned off by acks=1: KAFKA-13673' });
    expect(settings('kip-966', { retries: 0 })).toMatchObject({ idempotence: false, retries: 0 });
    expect(settings('kip-966', { maxInFlight: 6 })).toMatchObject({ idempotence: false, maxInFlight: 6 });
  });

  it.each([
    [{ era: 'kraft', acks: 1, producer: { enableIdempotence: true } }, 'acks', /must be all \(-1\) with enable.idempotence=true, got 1/],
    [{ era: 'kraft', producer: { enableIdempotence: true, maxInFlight: 6 } }, 'producer.maxInFlight', /must be at most 5 with enable.idempotence=true/],
    [{ era: 'kip-101', producer: { enableIdempotence: true, maxInFlight: 2 } }, 'producer.maxInFlight', /at most 1 .* in Kafka 0.11.0.*5 from 1.0, KAFKA-5494/],
    [{ era: 'kraft', producer: { enableIdempotence: true, retries: 0 } }, 'producer.retries', /must be above 0/],
    [{ era: 'hw-truncation', producer: { enableIdempotence: true } }, 'producer.enableIdempotence', /Kafka 0.10.2 has no idempotent producer/],
  ] as const)('an explicit idempotence Kafka rejects is a ConfigError naming the setting (%j)', (input, field, message) => {
    let error: unknown;
    try {
      config(input as Parameters<typeof config>[0]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as ConfigError).message).toMatch(message);
  });
});
