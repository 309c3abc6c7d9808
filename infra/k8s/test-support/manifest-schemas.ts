// Schema checks of Kubernetes objects with the JSON Schemas of the Kubernetes OpenAPI document and
// KEDA's CRDs, as compiled (ajv) by `kubernetes-models` and `@kubernetes-models/keda`.
//
// TRICKY: those schemas, like Kubernetes' own OpenAPI, do not forbid unknown fields, so a typo
// (`readinessprobe:`) would pass — and the API server drops or rejects it, depending on its
// field-validation mode. `unknownFields` finds them with the same schemas: a field is known iff
// giving it a value of the wrong type makes the object invalid.
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { K8sObject } from './kustomize-subset';

type ModelClass = new (data: never) => { validate(): void };

/** Every kind Rapport's manifests may contain, by `apiVersion/kind`. */
const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

export const SUPPORTED_KINDS: readonly string[] = Object.keys(MODELS);

function modelOf(object: K8sObject): ModelClass {
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (model === undefined) throw new Error(`${object.apiVersion}/${object.kind} is not a kind these manifests use (${SUPPORTED_KINDS.join(', ')})`);
  return model;
}

/** The schema's complaints about `object`, one per line; empty when it is valid. */
export function schemaErrors(object: K8sObject): string[] {
  const model = modelOf(object);
  try {
    new model(structuredClone(object) as never).validate();
    return [];
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split(', ');
  }
}

/** Dotted paths of the fields of `object` that its schema does not know (`object` must be valid). */
export function unknownFields(object: K8sObject): string[] {
  const model = modelOf(object);
  // An invalid object fails every probe, which would hide every unknown field.
  if (schemaErrors(object).length > 0) throw new Error(`${object.kind}/${object.metadata.name} is invalid: probe it once it is valid`);
  const invalid = (candidate: unknown): boolean => {
    try {
      new model(candidate as never).validate();
      return false;
    } catch {
      return true;
    }
  };
  const unknown: string[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const probe = structuredClone(object) as unknown as Record<string | number, unknown>;
      let parent = probe;
      for (const step of path) parent = parent[step] as Record<string | number, unknown>;
      // A boolean fails every schema but a boolean's; a string fails a boolean's.
      parent[key] = typeof value === 'boolean' ? 'not-a-boolean' : true;
      // Below an unknown field everything is unknown: name the field once.
      if (!invalid(probe)) unknown.push([...path, key].join('.'));
      else walk(value, [...path, key]);
    }
  };
  walk(object, []);
  return unknown;
}
