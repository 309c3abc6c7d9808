// The part of `kustomize build` that Rapport's kustomizations use, for tests on a machine without
// kustomize: `resources` (files and directories), `namespace`, `images` and `patches` with RFC 6902
// operations. Any other field is refused rather than ignored, so a kustomization using more than
// this fails its test until the renderer learns it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { applyPatch, parsePatch } from './json-patch';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** One object of the build and the file it came from (for messages). */
export interface RenderedObject {
  file: string;
  object: K8sObject;
}

export interface Rendered {
  objects: RenderedObject[];
  /** Every file read: kustomizations, resources, patches. */
  files: string[];
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
}

interface PatchEntry {
  path?: string;
  patch?: string;
  target: { kind: string; name: string };
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: ImageRule[];
  patches?: PatchEntry[];
}

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);

export class KustomizeError extends Error {
  override readonly name = 'KustomizeError';
}

/** Builds the kustomization in `dir` as `kustomize build dir` would (for the supported subset). */
export function renderKustomization(dir: string): Rendered {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir} has no kustomization.yaml`);
  const kustomization = readKustomization(file);
  const files = [file];
  const objects: RenderedObject[] = [];

  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new KustomizeError(`${file}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) {
      const nested = renderKustomization(path);
      objects.push(...nested.objects);
      files.push(...nested.files);
    } else {
      objects.push(...readObjects(path));
      files.push(path);
    }
  }
  assertUniqueIds(objects, file);

  for (const entry of kustomization.patches ?? []) {
    const source = entry.path === undefined ? undefined : resolve(dir, entry.path);
    if (source !== undefined) {
      // NOTE: kustomize's default load restrictor: a patch file lives inside its kustomization.
      if (relative(dir, source).startsWith('..')) throw new KustomizeError(`${file}: patch ${entry.path} is outside ${dir}`);
      files.push(source);
    }
    const operations = parsePatch(parse(source === undefined ? (entry.patch ?? '') : readFileSync(source, 'utf8')));
    const targets = objects.filter(({ object }) => object.kind === entry.target.kind && object.metadata.name === entry.target.name);
    if (targets.length === 0) throw new KustomizeError(`${file}: patch target ${entry.target.kind}/${entry.target.name} matches nothing`);
    for (const { object } of targets) applyPatch(object, operations);
  }

  for (const rule of kustomization.images ?? []) {
    const changed = objects.filter(({ object }) => setImages(object, rule)).length;
    if (changed === 0) throw new KustomizeError(`${file}: image ${rule.name} is used by no container`);
  }

  if (kustomization.namespace !== undefined) {
    for (const { object } of objects) object.metadata.namespace = kustomization.namespace;
  }
  return { objects, files };
}

function readKustomization(file: string): Kustomization {
  const document = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  if (document === null || typeof document !== 'object') throw new KustomizeError(`${file} is empty`);
  if (document.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || document.kind !== 'Kustomization') {
    throw new KustomizeError(`${file}: expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  }
  const unsupported = Object.keys(document).filter((field) => !KUSTOMIZATION_FIELDS.has(field));
  if (unsupported.length > 0) throw new KustomizeError(`${file}: unsupported field(s) ${unsupported.join(', ')}`);
  for (const entry of (document.patches ?? []) as Record<string, unknown>[]) {
    const target = entry.target as Record<string, unknown> | undefined;
    const extra = Object.keys(entry).filter((field) => !['path', 'patch', 'target'].includes(field));
    const targetExtra = Object.keys(target ?? {}).filter((field) => !['kind', 'name'].includes(field));
    if (typeof target?.kind !== 'string' || typeof target.name !== 'string' || extra.length + targetExtra.length > 0) {
      throw new KustomizeError(`${file}: a patch needs exactly a target {kind, name} and a path or an inline patch`);
    }
    if ((entry.path === undefined) === (entry.patch === undefined)) throw new KustomizeError(`${file}: a patch has either path or patch`);
  }
  for (const rule of (document.images ?? []) as Record<string, unknown>[]) {
    const extra = Object.keys(rule).filter((field) => !['name', 'newName', 'newTag'].includes(field));
    if (typeof rule.name !== 'string' || extra.length > 0) throw new KustomizeError(`${file}: an image rule has name, newName, newTag`);
  }
  return document;
}

/** Every document of a manifest file; empty documents (a trailing `---`) are skipped. */
export function readObjects(file: string): RenderedObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new KustomizeError(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
    const object = document.toJS() as K8sObject | null;
    if (object === null) return [];
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new KustomizeError(`${file}: every object needs apiVersion, kind and metadata.name`);
    }
    return [{ file, object }];
  });
}

function assertUniqueIds(objects: readonly RenderedObject[], file: string): void {
  const seen = new Set<string>();
  for (const { object } of objects) {
    const id = `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (seen.has(id)) throw new KustomizeError(`${file}: ${id} appears twice`);
    seen.add(id);
  }
}

/** The pod template's containers of a workload (Deployment, Job), or none. */
export function podSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  const spec = object.spec as { template?: { spec?: Record<string, unknown> } } | undefined;
  return spec?.template?.spec;
}

function setImages(object: K8sObject, rule: ImageRule): boolean {
  const pod = podSpecOf(object);
  let changed = false;
  for (const field of ['containers', 'initContainers']) {
    for (const container of (pod?.[field] ?? []) as { image?: string }[]) {
      if (container.image === undefined) continue;
      const { name, tag } = splitImage(container.image);
      if (name !== rule.name) continue;
      container.image = `${rule.newName ?? name}${rule.newTag === undefined ? (tag === undefined ? '' : `:${tag}`) : `:${rule.newTag}`}`;
      changed = true;
    }
  }
  return changed;
}

/** `registry/repo:tag` → name and tag (a registry port is not a tag; a digest is not supported). */
export function splitImage(image: string): { name: string; tag: string | undefined } {
  if (image.includes('@')) throw new KustomizeError(`${image}: image digests are not supported here`);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? { name: image.slice(0, colon), tag: image.slice(colon + 1) } : { name: image, tag: undefined };
}
