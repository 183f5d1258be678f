/** The protocol eras, oldest first. Each is an overlay on the base era's named seams (see era.ts). */
export const ERA_NAMES = ['kraft'] as const;

export type EraName = (typeof ERA_NAMES)[number];

/** The era `check`, `replay` and the tests use when none is named. */
export const DEFAULT_ERA: EraName = 'kraft';
