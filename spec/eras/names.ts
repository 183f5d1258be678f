/** The protocol eras, oldest first. Each is an overlay on the base era's named seams (see era.ts). */
export const ERA_NAMES = ['hw-truncation', 'kip-101', 'kip-279', 'kip-320', 'kraft', 'kip-966'] as const;

export type EraName = (typeof ERA_NAMES)[number];

/** The era `check`, `replay` and the tests use when none is named: Kafka 4.1 with ELR. */
export const DEFAULT_ERA: EraName = 'kip-966';
