import { describe, expect, it } from 'vitest';
import type { K8sObject } from './kustomize-subset';
import { schemaErrors, unknownFields } from './manifest-schemas';

const deployment = (): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x', labels: { app: 'x' } },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'x',
            image: 'x:1',
            ports: [{ name: 'http', containerPort: 3000 }],
            readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
            resources: { limits: { cpu: '1', memory: '512Mi' } },
            securityContext: { readOnlyRootFilesystem: true },
            lifecycle: { preStop: { sleep: { seconds: 5 } } },
          },
        ],
      },
    },
  },
});

const container = (object: K8sObject) =>
  (object.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0] as Record<string, unknown>;

describe('schemaErrors', () => {
  it('accepts a valid Deployment', () => {
    expect(schemaErrors(deployment())).toEqual([]);
  });

  it('names wrong types and formats', () => {
    const object = deployment();
    container(object).ports = [{ containerPort: 'http' }];
    container(object).resources = { limits: { cpu: 'one' } };
    const errors = schemaErrors(object).join('\n');
    expect(errors).toContain('containers/0/ports/0/containerPort must be integer');
    expect(errors).toContain('containers/0/resources/limits/cpu must match format "quantity"');
  });

  it('checks a KEDA ScaledObject against its CRD (trigger metadata values are strings)', () => {
    const scaled: K8sObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 's' },
      spec: { scaleTargetRef: { name: 'x' }, triggers: [{ type: 'kafka', metadata: { lagThreshold: 100 } }] },
    };
    expect(schemaErrors(scaled).join('\n')).toContain('triggers/0/metadata/lagThreshold must be string');
  });

  it('refuses a kind the manifests do not use', () => {
    expect(() => schemaErrors({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toThrow(/not a kind these manifests use/);
  });
});

describe('unknownFields', () => {
  it('finds none in a valid object', () => {
    expect(unknownFields(deployment())).toEqual([]);
  });

  it('finds misspelt and invented fields at any depth', () => {
    const object = deployment();
    container(object).readinessprobe = { httpGet: { path: '/readyz', port: 'http' } };
    (container(object).securityContext as Record<string, unknown>).readOnlyRootFileSystem = true;
    (object.spec as Record<string, unknown>).replica = 2;
    expect(unknownFields(object).sort()).toEqual([
      'spec.replica',
      'spec.template.spec.containers.0.readinessprobe',
      'spec.template.spec.containers.0.securityContext.readOnlyRootFileSystem',
    ]);
  });

  it('finds an unknown field of a ScaledObject trigger', () => {
    const scaled: K8sObject = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 's' },
      spec: { scaleTargetRef: { name: 'x' }, maxReplicas: 6, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] },
    };
    expect(unknownFields(scaled)).toEqual(['spec.maxReplicas']);
  });

  it('refuses to probe an invalid object', () => {
    const object = deployment();
    container(object).image = 7;
    expect(() => unknownFields(object)).toThrow(/invalid/);
  });
});
