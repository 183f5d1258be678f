/** Actions as one readable line: `producerSend broker=b0 acks=all`. */
import type { Action } from './index.js';

export function describeAction(action: Action): string {
  const params = Object.entries(action)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key}=${typeof value === 'number' && key !== 'acks' ? `b${value}` : String(value)}`);
  return [action.kind, ...params].join(' ');
}
