/** Actions as one readable line: `producerSend broker=b0 acks=all`. */
import { PARAM_TYPES, type ParamType } from './action.js';
import { ACTIONS, type Action } from './index.js';

export function describeAction(action: Action): string {
  const types = ACTIONS[action.kind].params as Record<string, { readonly type: ParamType }>;
  const params = Object.entries(action)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key}=${types[key] === undefined ? String(value) : PARAM_TYPES[types[key].type].show(value)}`);
  return [action.kind, ...params].join(' ');
}
