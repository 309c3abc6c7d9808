// No cluster runs here, so the Kubernetes manifests are checked statically: every file parses,
// every object of every build (base and overlays, services and Jobs) passes its Kubernetes or
// KEDA schema with no unknown field, and each one agrees with the code it deploys — the services'
// config schemas, their HTTP routes and ports, the Dockerfile, the topics' partition counts, the
// scripts the Jobs run and the Secrets the operator creates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@rapport/contracts';
import { ConfigError, loadConfig } from '@rapport/kit/config';
import { createHttpServer, type HttpServer } from '@rapport/kit/http';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type * as z from 'zod';
import { ingestionConfigSchema } from '../../services/ingestion/src/config';
import { reportingConfigSchema } from '../../services/reporting/src/config';
import { scoringConfigSchema } from '../../services/scoring/src/config';
import { rapportTopicSpecs, TopicsEnv } from '../kafka/topics';
import { RAPPORT_SERVICES, roleFor, type ServiceName } from '../postgres/services';
import { MigrateJobEnv } from './migrate-schema';
import { readObjects, renderKustomization, splitImage, type K8sObject } from './test-support/kustomize-subset';
import { schemaErrors, unknownFields } from './test-support/manifest-schemas';
import { containerEnv, type ContainerSpec } from './test-support/pod-env';
import {
  declaredEnv,
  ENVIRONMENTS,
  EXAMPLE_SECRETS,
  exampleSecrets,
  find,
  K8S_DIR,
  objectsOf,
  onlyContainer,
  OPTIONAL_KUSTOMIZATIONS,
  podOf,
  quantity,
  relativeToK8s,
  renderEnvironment,
  REPO_ROOT,
  requiredEnv,
  secretSource,
  selects,
  yamlFiles,
  type Environment,
} from './test-support/rapport-manifests';

/** What the manifests must agree with, per service, read from the service's parsed config. */
interface ServiceFacts {
  port: number;
  host: string;
  nodeEnv: string;
  logFormat: string;
  shutdownGraceMs: number;
  brokers: string[];
  migrationUrl: string | undefined;
  /** The consumed topic and group that bound its replicas (consumers only). */
  consumes?: { topic: string; group: string };
}

interface CommonOutput {
  http: { host: string; port: number };
  nodeEnv: string;
  log: { format: string };
  shutdownGraceMs: number;
  kafka: { brokers: string[] };
  postgres: { migrationUrl: string | undefined };
}
const common = (config: CommonOutput): ServiceFacts => ({
  port: config.http.port,
  host: config.http.host,
  nodeEnv: config.nodeEnv,
  logFormat: config.log.format,
  shutdownGraceMs: config.shutdownGraceMs,
  brokers: config.kafka.brokers,
  migrationUrl: config.postgres.migrationUrl,
});

const SERVICES: Record<ServiceName, { schema: z.ZodType; autoscaler: string; facts(env: Record<string, string>): ServiceFacts }> = {
  ingestion: {
    schema: ingestionConfigSchema,
    autoscaler: 'HorizontalPodAutoscaler',
    facts: (env) => common(loadConfig(ingestionConfigSchema, env)),
  },
  scoring: {
    schema: scoringConfigSchema,
    autoscaler: 'ScaledObject',
    facts: (env) => {
      const config = loadConfig(scoringConfigSchema, env);
      return { ...common(config), consumes: { topic: config.scoring.interactionsTopic, group: config.scoring.consumer.groupId } };
    },
  },
  reporting: {
    schema: reportingConfigSchema,
    autoscaler: 'ScaledObject',
    facts: (env) => {
      const config = loadConfig(reportingConfigSchema, env);
      return { ...common(config), consumes: { topic: config.reporting.relationshipsTopic, group: config.reporting.consumer.groupId } };
    },
  },
};

/** Parameters of KEDA's kafka scaler (keda.sh/docs/…/scalers/apache-kafka): trigger metadata is a free map. */
const KAFKA_TRIGGER_FIELDS = new Set([
  'bootstrapServers', 'bootstrapServersFromEnv', 'consumerGroup', 'consumerGroupFromEnv', 'topic', 'topicFromEnv',
  'lagThreshold', 'activationLagThreshold', 'offsetResetPolicy', 'allowIdleConsumers', 'scaleToZeroOnInvalidOffset',
  'excludePersistentLag', 'limitToPartitionsWithLag', 'version', 'partitionLimitation', 'sasl', 'tls',
]);

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Trigger {
  type: string;
  metricType?: string;
  metadata: Record<string, string>;
}

const placeholders = secretSource();
const environments = ENVIRONMENTS.map(renderEnvironment);
const dockerfile = readFileSync(join(REPO_ROOT, 'infra/docker/Dockerfile'), 'utf8');

const deploymentOf = (env: Environment, service: ServiceName) => find(env.services, 'Deployment', service);
const envOf = (env: Environment, object: K8sObject, source = placeholders) =>
  containerEnv(onlyContainer(object), [...objectsOf(env.services), ...objectsOf(env.jobs)], source);
const portNumber = (container: ContainerSpec, port: string | number): number => {
  if (typeof port === 'number') return port;
  const named = (container.ports as { name?: string; containerPort: number }[] | undefined)?.find((entry) => entry.name === port);
  if (named === undefined) throw new Error(`${container.name} has no port named ${port}`);
  return named.containerPort;
};
const topicsEnvOf = (env: Environment) => loadConfig(TopicsEnv, envOf(env, find(env.jobs, 'Job', 'kafka-topics')).values);

describe('manifest files', () => {
  const files = yamlFiles();

  it('parse, every document of them', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const documents = parseAllDocuments(readFileSync(file, 'utf8'));
      expect(documents.flatMap((document) => document.errors.map((error) => error.message)), relativeToK8s(file)).toEqual([]);
      if (!/(kustomization|\.patch)\.yaml$/.test(file)) expect(readObjects(file).length, relativeToK8s(file)).toBeGreaterThan(0);
    }
  });

  it('are all used by some build, except the example Secrets, which none uses', () => {
    const roots = [...ENVIRONMENTS.flatMap((env) => [env.services, env.jobs]), ...OPTIONAL_KUSTOMIZATIONS];
    const used = new Set(roots.flatMap((root) => renderKustomization(join(K8S_DIR, root)).files));
    expect(used.has(EXAMPLE_SECRETS)).toBe(false);
    expect(files.filter((file) => !used.has(file) && file !== EXAMPLE_SECRETS).map(relativeToK8s)).toEqual([]);
  });
});

describe.each([...ENVIRONMENTS.flatMap((env) => [env.services, env.jobs]), ...OPTIONAL_KUSTOMIZATIONS])('build %s', (root) => {
  const { objects } = renderKustomization(join(K8S_DIR, root));

  it('passes the Kubernetes and KEDA schemas, with no unknown field', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const { file, object } of objects) {
      const where = `${object.kind}/${object.metadata.name} (${relativeToK8s(file)})`;
      expect(schemaErrors(object), where).toEqual([]);
      expect(unknownFields(object), where).toEqual([]);
    }
  });

  it('labels everything as part of Rapport, and holds no Secret', () => {
    for (const { object } of objects) {
      expect(object.metadata.labels?.['app.kubernetes.io/part-of'], object.metadata.name).toBe('rapport');
      expect(object.kind).not.toBe('Secret');
    }
  });
});

describe.each(environments.map((env) => [env.name, env] as const))('%s environment', (_name, env) => {
  const workloads = [...objectsOf(env.services, 'Deployment'), ...objectsOf(env.jobs, 'Job')];

  describe.each(RAPPORT_SERVICES)('%s', (service) => {
    const deployment = deploymentOf(env, service);
    const container = onlyContainer(deployment);
    const resolved = envOf(env, deployment);
    const facts = SERVICES[service].facts(resolved.values);
    const pod = podOf(deployment);
    const labels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;

    it('sets only variables its config schema declares, and every one it requires', () => {
      const declared = Object.keys(declaredEnv(SERVICES[service].schema));
      expect(Object.keys(resolved.values).filter((name) => !declared.includes(name))).toEqual([]);
      expect(requiredEnv(SERVICES[service].schema).filter((name) => !(name in resolved.values))).toEqual([]);
      expect([facts.nodeEnv, facts.host, facts.logFormat]).toEqual(['production', '0.0.0.0', 'json']);
    });

    it("never gets the schema owner's credentials: migrations are the Job's", () => {
      expect(facts.migrationUrl).toBeUndefined();
      expect(resolved.secretRefs.map((ref) => ref.key)).not.toContain('MIGRATION_DATABASE_URL');
    });

    it("runs the image built from the Dockerfile for this service, with the image's own command", () => {
      expect(splitImage(container.image ?? '').name).toMatch(new RegExp(`(^|/)${service}$`));
      expect(container.command).toBeUndefined();
      expect(container.args).toBeUndefined();
      expect(dockerfile).toContain('WORKDIR /app/services/${SERVICE}');
      expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/main.ts"]');
      expect(existsSync(join(REPO_ROOT, `services/${service}/src/main.ts`))).toBe(true);
    });

    it("listens on its config's port, which the Service, the probes and the scrape annotation use", () => {
      expect(container.ports).toEqual([{ name: 'http', containerPort: facts.port, protocol: 'TCP' }]);
      const svc = find(env.services, 'Service', service);
      const ports = (svc.spec as { ports: { port: number; targetPort: string | number }[] }).ports;
      expect(ports.map((port) => portNumber(container, port.targetPort))).toEqual([facts.port]);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        expect(portNumber(container, (container[probe] as Probe).httpGet?.port ?? -1), probe).toBe(facts.port);
      }
      const annotations = (deployment.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations;
      expect(annotations?.['prometheus.io/port']).toBe(String(facts.port));
    });

    it('probes liveness on /healthz, readiness on /readyz, and gives it a startup budget', () => {
      expect((container.startupProbe as Probe).httpGet?.path).toBe('/healthz');
      expect((container.livenessProbe as Probe).httpGet?.path).toBe('/healthz');
      expect((container.readinessProbe as Probe).httpGet?.path).toBe('/readyz');
      // Every service builds its HTTP side on the kit's server, which serves the probes.
      expect(readFileSync(join(REPO_ROOT, `services/${service}/src/app.ts`), 'utf8')).toContain('createHttpServer(');
    });

    it('waits out the endpoint removal, then the service drain, before being killed', () => {
      const preStop = (container.lifecycle as { preStop?: { sleep?: { seconds: number } } } | undefined)?.preStop?.sleep?.seconds ?? 0;
      expect(preStop).toBeGreaterThanOrEqual(3);
      // run-service.ts gives up 1 s after SHUTDOWN_GRACE_MS; the preStop sleep runs before SIGTERM.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + facts.shutdownGraceMs / 1000 + 1);
    });

    it('is selected by its own Service, PodDisruptionBudget and spread constraint, and by nothing of another service', () => {
      const spec = deployment.spec as { selector: { matchLabels: Record<string, string> } };
      expect(selects(spec.selector, labels)).toBe(true);
      const others = objectsOf(env.services, 'Deployment').filter((other) => other !== deployment);
      const selectors = [
        (find(env.services, 'Service', service).spec as { selector: Record<string, string> }).selector,
        (find(env.services, 'PodDisruptionBudget', service).spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
        ...((pod.topologySpreadConstraints ?? []) as { labelSelector: { matchLabels: Record<string, string> } }[]).map((c) => c.labelSelector.matchLabels),
      ];
      expect(selectors.length).toBeGreaterThanOrEqual(3);
      for (const matchLabels of selectors) {
        expect(selects({ matchLabels }, labels)).toBe(true);
        for (const other of others) expect(selects({ matchLabels }, podTemplateLabels(other))).toBe(false);
      }
      const pdb = find(env.services, 'PodDisruptionBudget', service).spec as { maxUnavailable?: number; minAvailable?: number };
      expect(pdb.maxUnavailable).toBe(1);
      expect(pdb.minAvailable).toBeUndefined();
    });

    it(`is scaled by exactly one autoscaler, a ${SERVICES[service].autoscaler}, and declares no replicas of its own`, () => {
      const targeting = [...objectsOf(env.services, 'HorizontalPodAutoscaler'), ...objectsOf(env.services, 'ScaledObject')].filter(
        (scaler) => (scaler.spec as { scaleTargetRef: { name: string; kind?: string } }).scaleTargetRef.name === service,
      );
      expect(targeting.map((scaler) => scaler.kind)).toEqual([SERVICES[service].autoscaler]);
      expect((deployment.spec as { replicas?: number }).replicas).toBeUndefined();
    });

    it('reads its Secrets by key, every key documented by the example, whose URL names the runtime role', () => {
      const example = exampleSecrets();
      for (const ref of resolved.secretRefs) {
        const keys = Object.keys(example.get(ref.name) ?? {});
        if (!ref.optional) expect(keys, `${ref.name}.${ref.key}`).toContain(ref.key);
      }
      // The example's runtime URL names the runtime role.
      const url = resolved.secretRefs.find((ref) => ref.key === 'DATABASE_URL');
      expect(url).toBeDefined();
      expect(new URL(example.get(url?.name ?? '')?.DATABASE_URL ?? '').username).toBe(roleFor(service, 'runtime'));
    });

    it("refuses the example Secrets' placeholders at boot (an unedited example fails fast)", () => {
      const fromExample = envOf(env, deployment, secretSource({ fromExample: true }));
      expect(() => loadConfig(SERVICES[service].schema, fromExample.values)).toThrow(ConfigError);
    });

    it("runs its migrations in a Job with the release's image, as the schema owner", () => {
      const job = find(env.jobs, 'Job', `${service}-migrate`);
      const jobContainer = onlyContainer(job);
      expect(jobContainer.image).toBe(container.image);
      expect(jobContainer.command).toEqual(['node', '--import', 'tsx', 'infra/k8s/migrate-schema.ts', service]);
      const jobEnv = envOf(env, job);
      expect(Object.keys(jobEnv.values).filter((name) => !(name in declaredEnv(MigrateJobEnv)))).toEqual([]);
      expect(loadConfig(MigrateJobEnv, jobEnv.values).MIGRATION_DATABASE_URL).toBeDefined();
      const [ref] = jobEnv.secretRefs;
      expect(ref?.key).toBe('MIGRATION_DATABASE_URL');
      expect(resolved.secretRefs.map((runtime) => runtime.name)).not.toContain(ref?.name);
      const ownerUrl = exampleSecrets().get(ref?.name ?? '')?.MIGRATION_DATABASE_URL ?? '';
      expect(new URL(ownerUrl).username).toBe(roleFor(service, 'owner'));
    });

    if (SERVICES[service].autoscaler === 'ScaledObject') {
      it('scales on the lag of its own consumer group, never beyond the partitions of its topic, never to zero', () => {
        const scaled = find(env.services, 'ScaledObject', service).spec as {
          minReplicaCount: number;
          maxReplicaCount: number;
          triggers: Trigger[];
        };
        const kafka = scaled.triggers.filter((trigger) => trigger.type === 'kafka');
        expect(kafka).toHaveLength(1);
        const metadata = kafka[0]?.metadata ?? {};
        expect(Object.keys(metadata).filter((field) => !KAFKA_TRIGGER_FIELDS.has(field))).toEqual([]);
        expect({ topic: metadata.topic, group: metadata.consumerGroup }).toEqual({ topic: facts.consumes?.topic, group: facts.consumes?.group });
        expect(metadata.lagThreshold).toMatch(/^[1-9]\d*$/);
        expect(metadata.allowIdleConsumers).toBe('false');
        // KEDA reads the brokers from the scaled container: the very list the service uses.
        expect(metadata.bootstrapServersFromEnv).toBeDefined();
        expect(resolved.values[metadata.bootstrapServersFromEnv ?? '']?.split(',')).toEqual(facts.brokers);

        const partitions = rapportTopicSpecs(topicsEnvOf(env)).find((spec) => spec.topic === metadata.topic)?.numPartitions ?? 0;
        expect(partitions).toBeGreaterThan(0);
        expect(scaled.maxReplicaCount).toBeLessThanOrEqual(partitions);
        expect(scaled.minReplicaCount).toBeGreaterThanOrEqual(1);
        expect(scaled.minReplicaCount).toBeLessThanOrEqual(scaled.maxReplicaCount);
      });
    }
  });

  it("consumes, in scoring and reporting, the topics the contracts name", () => {
    for (const service of ['scoring', 'reporting'] as const) {
      const facts = SERVICES[service].facts(envOf(env, deploymentOf(env, service)).values);
      expect(facts.consumes?.topic).toBe(service === 'scoring' ? TOPICS.interactions : TOPICS.relationships);
    }
  });

  it('scales ingestion on CPU with an autoscaling/v2 HorizontalPodAutoscaler, two replicas at least', () => {
    const hpa = find(env.services, 'HorizontalPodAutoscaler', 'ingestion');
    const spec = hpa.spec as {
      scaleTargetRef: { apiVersion: string; kind: string; name: string };
      minReplicas: number;
      maxReplicas: number;
      metrics: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
    };
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ingestion' });
    expect(spec.metrics.map((metric) => [metric.type, metric.resource?.name, metric.resource?.target.type])).toEqual([['Resource', 'cpu', 'Utilization']]);
    expect(spec.metrics[0]?.resource?.target.averageUtilization).toBeGreaterThan(0);
    expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(spec.maxReplicas).toBeGreaterThanOrEqual(spec.minReplicas);
  });

  it("scales reporting's API on CPU within the same ScaledObject as its projection (one HPA, no fight)", () => {
    const scaled = find(env.services, 'ScaledObject', 'reporting').spec as { minReplicaCount: number; triggers: Trigger[] };
    const cpu = scaled.triggers.filter((trigger) => trigger.type === 'cpu');
    expect(cpu).toHaveLength(1);
    expect(cpu[0]?.metricType).toBe('Utilization');
    expect(Object.keys(cpu[0]?.metadata ?? {})).toEqual(['value']);
    expect(Number(cpu[0]?.metadata.value)).toBeGreaterThan(0);
    expect(Number(cpu[0]?.metadata.value)).toBeLessThanOrEqual(100);
    // A CPU trigger cannot scale to zero; two replicas keep the API up through a pod's loss.
    expect(scaled.minReplicaCount).toBeGreaterThanOrEqual(2);
  });

  it('runs every container as non-root, read-only, without capabilities, with requests and limits', () => {
    expect(workloads.length).toBe(RAPPORT_SERVICES.length * 2 + 1);
    for (const workload of workloads) {
      const pod = podOf(workload);
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect(pod.automountServiceAccountToken, where).toBe(false);
      expect(pod.securityContext, where).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext?.runAsUser, where).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect(container.securityContext, where).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        const resources = container.resources as { requests: Record<string, string>; limits: Record<string, string> };
        for (const resource of ['cpu', 'memory']) {
          const request = resources.requests[resource];
          const limit = resources.limits[resource];
          expect(request && limit, `${where} ${resource}`).toBeTruthy();
          expect(quantity(request ?? '0'), `${where} ${resource}`).toBeLessThanOrEqual(quantity(limit ?? '0'));
        }
        // tsx writes its compile cache to /tmp: the one writable place, an emptyDir.
        const mount = (container.volumeMounts as { name: string; mountPath: string }[]).find((m) => m.mountPath === '/tmp');
        expect(pod.volumes?.find((volume) => volume.name === mount?.name)?.emptyDir, where).toBeDefined();
      }
    }
  });

  it('runs Jobs whose scripts exist in the repository, from /app in the image', () => {
    for (const job of objectsOf(env.jobs, 'Job')) {
      const container = onlyContainer(job);
      expect(podOf(job).restartPolicy).toBe('Never');
      expect(container.workingDir).toBe('/app');
      expect(container.command?.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
      expect(existsSync(join(REPO_ROOT, container.command?.[3] ?? 'missing')), container.command?.[3]).toBe(true);
      expect(RAPPORT_SERVICES.map((service) => onlyContainer(deploymentOf(env, service)).image)).toContain(container.image);
    }
  });

  it("creates the topics with an environment topics.ts accepts and the services' brokers", () => {
    const job = find(env.jobs, 'Job', 'kafka-topics');
    expect(onlyContainer(job).command).toEqual(['node', '--import', 'tsx', 'infra/kafka/topics.ts']);
    const values = envOf(env, job).values;
    expect(Object.keys(values).filter((name) => !(name in declaredEnv(TopicsEnv)))).toEqual([]);
    const servicesBrokers = envOf(env, deploymentOf(env, 'ingestion')).values.KAFKA_BROKERS;
    expect(topicsEnvOf(env).KAFKA_BROKERS).toEqual(servicesBrokers?.split(','));
    // Exit 2 (a partition count differs) is final: no retry.
    expect((job.spec as { podFailurePolicy: unknown }).podFailurePolicy).toEqual({
      rules: [{ action: 'FailJob', onExitCodes: { containerName: 'kafka-topics', operator: 'In', values: [2] } }],
    });
  });

  it('keeps the same namespace on everything, set by the overlay only', () => {
    const namespaces = new Set([...objectsOf(env.services), ...objectsOf(env.jobs)].map((object) => object.metadata.namespace));
    expect([...namespaces]).toEqual([env.name === 'base' ? undefined : 'rapport']);
  });

  if (env.name !== 'base') {
    it('pins every image to a release in a registry', () => {
      for (const workload of workloads) {
        const { name, tag } = splitImage(onlyContainer(workload).image ?? '');
        expect(name, workload.metadata.name).toContain('.');
        expect(tag, workload.metadata.name).toMatch(/^\d+\.\d+\.\d+/);
      }
    });
  }
});

describe('the optional db-provision Job', () => {
  const { objects } = renderKustomization(join(K8S_DIR, 'jobs/db-provision'));
  const job = find(objects, 'Job', 'db-provision');

  it('runs infra/postgres/provision.ts with the Secret keys it reads', () => {
    const container = onlyContainer(job);
    expect(container.command?.slice(0, 4)).toEqual(['node', '--import', 'tsx', 'infra/postgres/provision.ts']);
    expect(existsSync(join(REPO_ROOT, 'infra/postgres/provision.ts'))).toBe(true);
    const { values } = containerEnv(container, objectsOf(objects), placeholders);
    const expected = [
      'DATABASE_ADMIN_URL',
      ...RAPPORT_SERVICES.flatMap((service) => [`RAPPORT_${service.toUpperCase()}_PASSWORD`, `RAPPORT_${service.toUpperCase()}_OWNER_PASSWORD`]),
    ];
    expect(Object.keys(values).sort()).toEqual(expected.sort());
  });
});

describe('the example Secrets', () => {
  const example = exampleSecrets();

  it('hold only placeholders, one in every value', () => {
    expect(example.size).toBeGreaterThan(0);
    for (const [name, data] of example) {
      for (const [key, value] of Object.entries(data)) expect(value, `${name}.${key}`).toContain('REPLACE_ME');
    }
  });

  it('document every key a build reads, and no key nobody reads', () => {
    const read = new Set<string>();
    for (const env of environments) {
      for (const workload of [...objectsOf(env.services, 'Deployment'), ...objectsOf(env.jobs, 'Job')]) {
        for (const ref of envOf(env, workload).secretRefs) read.add(`${ref.name}.${ref.key}`);
      }
    }
    const { objects } = renderKustomization(join(K8S_DIR, 'jobs/db-provision'));
    for (const ref of containerEnv(onlyContainer(find(objects, 'Job', 'db-provision')), [], placeholders).secretRefs) read.add(`${ref.name}.${ref.key}`);
    const documented = [...example].flatMap(([name, data]) => Object.keys(data).map((key) => `${name}.${key}`));
    expect(documented.sort()).toEqual([...read].filter((ref) => ref !== 'ingestion-secrets.SOURCE_SECRET_RETIRED_KEYS').sort());
  });
});

describe('probe paths', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({
      service: 'probe-check',
      version: '0.0.0',
      logger: createLogger({ service: 'probe-check', level: 'silent', format: 'json' }),
      registry: createMetricsRegistry({ service: 'probe-check', defaultMetrics: false }),
      components: [],
    });
  });
  afterAll(() => app.close());

  it("are routes of the kit's HTTP server, answering 200 when its dependencies do", async () => {
    const paths = new Set<string>();
    for (const env of environments) {
      for (const deployment of objectsOf(env.services, 'Deployment')) {
        const container = onlyContainer(deployment);
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) paths.add((container[probe] as Probe).httpGet?.path ?? '(none)');
      }
    }
    expect([...paths].sort()).toEqual(['/healthz', '/readyz']);
    for (const path of paths) expect((await app.inject(path)).statusCode, path).toBe(200);
  });
});

function podTemplateLabels(deployment: K8sObject): Record<string, string> | undefined {
  return (deployment.spec as { template: { metadata: { labels?: Record<string, string> } } }).template.metadata.labels;
}
