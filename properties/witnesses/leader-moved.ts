import { eventWitness, leaderCanChange } from './witness.js';

/** The preferred replica must first lose leadership to a fault, then rejoin the ISR, before it can take it back. */
export const leaderMoved = eventWitness(
  'leader-moved',
  'leaderMoved',
  'Leadership moved between live ISR members (a preferred leader election).',
  (config) => config.budgets.leaderMoves > 0 && leaderCanChange(config),
);
