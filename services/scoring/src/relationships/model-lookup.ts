import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../model';

/**
 * Which model scores a brand. One model for every brand for now (v1, the defaults of
 * spec/scoring.md); per-brand models with versions and rescoring plug in here.
 */
export interface ModelLookup {
  configFor(brandId: string): ModelConfig;
}

export function fixedModel(config: ModelConfig = DEFAULT_MODEL_CONFIG): ModelLookup {
  return { configFor: () => config };
}
