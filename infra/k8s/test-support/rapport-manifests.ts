// Rapport's kustomizations as the manifest tests see them: each environment (the base, every
// overlay) rendered into its services and its Jobs, plus lookups and placeholder Secrets.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { podSpecOf, readObjects, renderKustomization, type K8sObject, type RenderedObject } from './kustomize-subset';
import type { ContainerSpec, SecretSource } from './pod-env';

export const K8S_DIR = fileURLToPath(new URL('../', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXAMPLE_SECRETS = join(K8S_DIR, 'examples/secrets.example.yaml');

/** Each environment: the services' kustomization and the Jobs' one, applied first. */
export const ENVIRONMENTS = [
  { name: 'base', services: 'base', jobs: 'jobs' },
  { name: 'production', services: 'overlays/production', jobs: 'overlays/production/jobs' },
] as const;

/** Kustomizations applied only where wanted (README.md). */
export const OPTIONAL_KUSTOMIZATIONS = ['jobs/db-provision'] as const;

export interface Environment {
  name: string;
  services: RenderedObject[];
  jobs: RenderedObject[];
  /** Files read to build both. */
  files: string[];
}

export function renderEnvironment(environment: (typeof ENVIRONMENTS)[number]): Environment {
  const services = renderKustomization(join(K8S_DIR, environment.services));
  const jobs = renderKustomization(join(K8S_DIR, environment.jobs));
  return { name: environment.name, services: services.objects, jobs: jobs.objects, files: [...services.files, ...jobs.files] };
}

export function objectsOf(rendered: readonly RenderedObject[], kind?: string): K8sObject[] {
  return rendered.map(({ object }) => object).filter((object) => kind === undefined || object.kind === kind);
}

export function find(rendered: readonly RenderedObject[], kind: string, name: string): K8sObject {
  const found = objectsOf(rendered, kind).find((object) => object.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name} in the build`);
  return found;
}

export interface PodSpec {
  containers: ContainerSpec[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; emptyDir?: Record<string, unknown> }[];
  [field: string]: unknown;
}

export function podOf(object: K8sObject): PodSpec {
  const pod = podSpecOf(object) as PodSpec | undefined;
  if (pod === undefined) throw new Error(`${object.kind}/${object.metadata.name} has no pod template`);
  return pod;
}

/** The one container of a pod (Rapport's pods have no sidecars). */
export function onlyContainer(object: K8sObject): ContainerSpec {
  const [container, ...others] = podOf(object).containers;
  if (container === undefined || others.length > 0) throw new Error(`${object.kind}/${object.metadata.name} should have one container`);
  return container;
}

/** Every YAML file under infra/k8s. */
export function yamlFiles(dir = K8S_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

export function relativeToK8s(path: string): string {
  return relative(K8S_DIR, path);
}

/** The example Secrets (examples/secrets.example.yaml), by name: their `stringData`. */
export function exampleSecrets(): Map<string, Record<string, string>> {
  return new Map(
    readObjects(EXAMPLE_SECRETS).map(({ object }) => {
      if (object.kind !== 'Secret') throw new Error(`${EXAMPLE_SECRETS} holds a ${object.kind}`);
      return [object.metadata.name, (object.stringData ?? {}) as Record<string, string>];
    }),
  );
}

/** Well-formed stand-ins for each secret key, so the configuration can be parsed. */
const PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgres://placeholder:placeholder@postgres.example.internal:5432/rapport',
  MIGRATION_DATABASE_URL: 'postgres://placeholder:placeholder@postgres.example.internal:5432/rapport',
  DATABASE_ADMIN_URL: 'postgres://placeholder:placeholder@postgres.example.internal:5432/postgres',
  ADMIN_TOKEN: 'placeholder-admin-token-0123456789',
  SOURCE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  SOURCE_SECRET_RETIRED_KEYS: Buffer.alloc(32, 8).toString('base64'),
};

/** Secrets with the example's keys and placeholder values (`fromExample`: the example's own values). */
export function secretSource({ fromExample = false } = {}): SecretSource {
  const example = exampleSecrets();
  return {
    keysOf: (name) => {
      const data = example.get(name);
      return data === undefined ? undefined : Object.keys(data);
    },
    value: (name, key) => {
      if (fromExample) return example.get(name)?.[key];
      const placeholder = PLACEHOLDERS[key] ?? (/^RAPPORT_[A-Z]+(_OWNER)?_PASSWORD$/.test(key) ? 'placeholder-password' : undefined);
      if (placeholder === undefined) throw new Error(`no placeholder for secret key ${key}: add one to PLACEHOLDERS`);
      return placeholder;
    },
  };
}

/** The environment variables an env schema declares (a zod object, or an object piped to a transform). */
export function declaredEnv(schema: z.ZodType): Record<string, z.ZodType> {
  const input = schema instanceof z.ZodPipe ? (schema.in as z.ZodType) : schema;
  if (!(input instanceof z.ZodObject)) throw new Error('expected an environment schema: a zod object, possibly piped');
  return input.shape;
}

/** The variables a schema cannot do without: no default, not optional. */
export function requiredEnv(schema: z.ZodType): string[] {
  return Object.entries(declaredEnv(schema))
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

/** Kubernetes quantities (`250m`, `1`, `512Mi`, `1G`) as numbers, to compare requests and limits. */
export function quantity(value: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(value));
  if (!match?.[1]) throw new Error(`not a quantity: ${value}`);
  const factor: Record<string, number> = {
    m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] === undefined ? 1 : (factor[match[2]] ?? Number.NaN));
}

/** Does `selector` (matchLabels only) select a pod with `labels`? */
export function selects(selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string> | undefined): boolean {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels?.[key] === value);
}
