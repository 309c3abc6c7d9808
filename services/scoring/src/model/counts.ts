import { InteractionType } from '@rapport/contracts';

/** Inbound (non-withdrawn) events by type. */
export type InboundCountsByType = Record<InteractionType, number>;

export function emptyCounts(): InboundCountsByType {
  return Object.fromEntries(InteractionType.options.map((type) => [type, 0])) as InboundCountsByType;
}
