// The relationship model of spec/scoring.md as pure code: no I/O, no clock (time is a parameter).
export {
  DEFAULT_MODEL_CONFIG,
  ModelConfigSchema,
  durationsOf,
  halfLifeSeconds,
  parseModelConfig,
  type ModelConfig,
  type ModelConfigInput,
  type ModelConfigOutcome,
  type ModelDurations,
} from './model-config';
export type { ModelEvent, OrbitLevel } from './model-event';
export { compactEvent, canonicalEvents, toInstant, type CompactEvent } from './compact-event';
export { evaluateRelationship, evaluateCompactEvents, type RelationshipState } from './evaluate';
export { deriveInteractions, derivedEntry, type DerivedInteraction } from './derive-interactions';
export {
  applyInteraction,
  applyToHistory,
  emptyHistory,
  evaluateHistory,
  foldHistory,
  historyFromEvents,
  type HistoryOutcome,
  type InteractionOutcome,
  type RebuildReason,
  type RelationshipHistory,
} from './relationship-history';
export type { DerivedFacts, PassState } from './relationship-pass';
export { textSentiment, eventSentiment } from './sentiment';
export { loveWeight, advocacyWeight, reviewMultiplier } from './weights';
export type { InboundCountsByType } from './counts';
