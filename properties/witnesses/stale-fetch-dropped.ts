import { eventWitness, leaderCanChange } from './witness.js';

export const staleFetchDropped = eventWitness(
  'stale-fetch-dropped',
  'staleFetchDropped',
  'A follower drops a fetch response that its leader change or truncation made stale.',
  leaderCanChange,
);
