// The environment a container would get, resolved as the kubelet does: `envFrom` sources in order,
// then `env` entries, later ones winning. ConfigMaps come from the build; Secrets, which the
// operator creates, from a stand-in.
import type { K8sObject } from './kustomize-subset';

export interface SecretRef {
  name: string;
  key: string;
  optional: boolean;
}

/** Where Secret values come from in a test (placeholders): the keys of a Secret and their values. */
export interface SecretSource {
  /** Keys of the Secret, or undefined when it is unknown. */
  keysOf(name: string): readonly string[] | undefined;
  /** Undefined when the Secret or the key is absent (fine only for an optional reference). */
  value(name: string, key: string): string | undefined;
}

export interface ContainerEnv {
  values: Record<string, string>;
  /** Every Secret key the container reads, by `env` or through a whole-Secret `envFrom`. */
  secretRefs: SecretRef[];
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

interface EnvFromSource {
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
  prefix?: string;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  [field: string]: unknown;
}

export function containerEnv(container: ContainerSpec, objects: readonly K8sObject[], secrets: SecretSource): ContainerEnv {
  const values: Record<string, string> = {};
  const secretRefs: SecretRef[] = [];
  const configMap = (name: string): Record<string, string> | undefined =>
    objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name)?.data as Record<string, string> | undefined;

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (source.configMapRef !== undefined) {
      const data = configMap(source.configMapRef.name);
      if (data === undefined) throw new Error(`${container.name}: ConfigMap ${source.configMapRef.name} is not in the build`);
      for (const [key, value] of Object.entries(data)) values[prefix + key] = value;
    } else if (source.secretRef !== undefined) {
      const { name } = source.secretRef;
      const keys = secrets.keysOf(name);
      if (keys === undefined) throw new Error(`${container.name}: nothing says which keys Secret ${name} holds`);
      for (const key of keys) {
        const ref = { name, key, optional: source.secretRef.optional ?? false };
        secretRefs.push(ref);
        const value = secretValue(ref, secrets, container.name);
        if (value !== undefined) values[prefix + key] = value;
      }
    }
  }

  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (variable.value !== undefined) values[variable.name] = variable.value;
    else if (from?.configMapKeyRef !== undefined) {
      const value = configMap(from.configMapKeyRef.name)?.[from.configMapKeyRef.key];
      if (value === undefined) throw new Error(`${container.name}: ${variable.name} names a ConfigMap key that is not in the build`);
      values[variable.name] = value;
    } else if (from?.secretKeyRef !== undefined) {
      const ref = { name: from.secretKeyRef.name, key: from.secretKeyRef.key, optional: from.secretKeyRef.optional ?? false };
      secretRefs.push(ref);
      const value = secretValue(ref, secrets, container.name);
      if (value !== undefined) values[variable.name] = value;
    } else {
      throw new Error(`${container.name}: ${variable.name} has a value source these tests do not resolve`);
    }
  }
  return { values, secretRefs };
}

function secretValue(ref: SecretRef, secrets: SecretSource, container: string): string | undefined {
  const value = secrets.value(ref.name, ref.key);
  if (value === undefined && !ref.optional) throw new Error(`${container}: Secret ${ref.name} has no ${ref.key}`);
  return value;
}
