import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch, parsePatch } from './json-patch';
import { renderKustomization, splitImage } from './kustomize-subset';

const root = mkdtempSync(join(tmpdir(), 'kustomize-subset-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` under a fresh directory and returns it. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const HEADER = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - {name: web, image: "rapport/web:dev"}
        - {name: side, image: "other/side:1"}
---
`;
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf}\ndata: {A: "1", B: "2"}\n';

describe('renderKustomization', () => {
  it('builds a base through an overlay: resources, patches, images, namespace', () => {
    const dir = tree('overlay-ok', {
      'base/kustomization.yaml': `${HEADER}resources: [app, conf.yaml]\n`,
      'base/app/kustomization.yaml': `${HEADER}resources: [deployment.yaml]\n`,
      'base/app/deployment.yaml': DEPLOYMENT,
      'base/conf.yaml': CONFIG,
      'prod/kustomization.yaml': `${HEADER}namespace: prod
resources: [../base]
images: [{name: rapport/web, newName: reg.example/rapport/web, newTag: "1.2.3"}]
patches:
  - path: conf.patch.yaml
    target: {kind: ConfigMap, name: conf}
  - target: {kind: Deployment, name: web}
    patch: |-
      - {op: add, path: /spec/replicas, value: 3}
`,
      'prod/conf.patch.yaml': '- {op: replace, path: /data/A, value: "10"}\n- {op: remove, path: /data/B}\n- {op: add, path: /data/C, value: "3"}\n',
    });
    const { objects, files } = renderKustomization(join(dir, 'prod'));
    expect(objects.map(({ object }) => `${object.kind}/${object.metadata.name}@${object.metadata.namespace}`)).toEqual([
      'Deployment/web@prod',
      'ConfigMap/conf@prod',
    ]);
    const [deployment, config] = objects.map(({ object }) => object);
    expect(config?.data).toEqual({ A: '10', C: '3' });
    expect(deployment?.spec).toMatchObject({
      replicas: 3,
      template: { spec: { containers: [{ image: 'reg.example/rapport/web:1.2.3' }, { image: 'other/side:1' }] } },
    });
    expect(files.map((file) => file.slice(dir.length + 1)).sort()).toEqual([
      'base/app/deployment.yaml',
      'base/app/kustomization.yaml',
      'base/conf.yaml',
      'base/kustomization.yaml',
      'prod/conf.patch.yaml',
      'prod/kustomization.yaml',
    ]);
  });

  it('refuses what it does not implement instead of ignoring it', () => {
    const dir = tree('unsupported', { 'kustomization.yaml': `${HEADER}resources: [conf.yaml]\ncommonLabels: {a: b}\n`, 'conf.yaml': CONFIG });
    expect(() => renderKustomization(dir)).toThrow(/unsupported field\(s\) commonLabels/);
    const merge = tree('strategic-merge', {
      'kustomization.yaml': `${HEADER}resources: [conf.yaml]\npatches: [{path: p.yaml, target: {kind: ConfigMap, name: conf}}]\n`,
      'conf.yaml': CONFIG,
      'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: conf}\ndata: {A: "2"}\n',
    });
    expect(() => renderKustomization(merge)).toThrow(/list of operations/);
  });

  it('fails on a patch or an image that matches nothing, a duplicate object, a patch outside its root', () => {
    const base = { 'base/kustomization.yaml': `${HEADER}resources: [conf.yaml]\n`, 'base/conf.yaml': CONFIG, 'outside.yaml': '[]\n' };
    const missingTarget = tree('missing-target', {
      ...base,
      'o/kustomization.yaml': `${HEADER}resources: [../base]\npatches: [{patch: "[]", target: {kind: ConfigMap, name: other}}]\n`,
    });
    expect(() => renderKustomization(join(missingTarget, 'o'))).toThrow(/matches nothing/);
    const unusedImage = tree('unused-image', { ...base, 'o/kustomization.yaml': `${HEADER}resources: [../base]\nimages: [{name: nope, newTag: "1"}]\n` });
    expect(() => renderKustomization(join(unusedImage, 'o'))).toThrow(/used by no container/);
    const duplicate = tree('duplicate', { ...base, 'o/kustomization.yaml': `${HEADER}resources: [../base, ../base/conf.yaml]\n` });
    expect(() => renderKustomization(join(duplicate, 'o'))).toThrow(/appears twice/);
    const escape = tree('escape', {
      ...base,
      'o/kustomization.yaml': `${HEADER}resources: [../base]\npatches: [{path: ../outside.yaml, target: {kind: ConfigMap, name: conf}}]\n`,
    });
    expect(() => renderKustomization(join(escape, 'o'))).toThrow(/outside/);
  });
});

describe('JSON patch subset', () => {
  it('adds to arrays, decodes ~0 and ~1, refuses replacing what is absent', () => {
    const document: Record<string, unknown> = { list: [1, 2], map: { 'a/b': 1, 'c~d': 2 } };
    applyPatch(document, parsePatch([
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'replace', path: '/map/a~1b', value: 10 },
      { op: 'remove', path: '/map/c~0d' },
    ]));
    expect(document).toEqual({ list: [0, 1, 2, 3], map: { 'a/b': 10 } });
    expect(() => applyPatch(document, parsePatch([{ op: 'replace', path: '/map/zz', value: 1 }]))).toThrow(/nothing at/);
    expect(() => applyPatch(document, parsePatch([{ op: 'add', path: '/nope/x', value: 1 }]))).toThrow(/no parent/);
    expect(() => parsePatch([{ op: 'move', from: '/a', path: '/b' }])).toThrow(/unsupported op move/);
  });
});

describe('splitImage', () => {
  it('tells a registry port from a tag', () => {
    expect(splitImage('reg.example:5000/rapport/web:1.2')).toEqual({ name: 'reg.example:5000/rapport/web', tag: '1.2' });
    expect(splitImage('reg.example:5000/rapport/web')).toEqual({ name: 'reg.example:5000/rapport/web', tag: undefined });
  });
});
