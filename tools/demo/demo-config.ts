import * as z from 'zod';

/** The demo's environment (infra/start.sh sets ADMIN_TOKEN); everything else has a default. */
export const demoConfigSchema = z.object({
  ADMIN_TOKEN: z.string().min(1, 'ADMIN_TOKEN is needed to create the demo source and API key'),
  INGESTION_URL: z.url().default('http://127.0.0.1:3001'),
  REPORTING_URL: z.url().default('http://127.0.0.1:3003'),
  DEMO_BRAND: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).default('demo'),
  DEMO_MEMBERS: z.coerce.number().int().min(1).default(400),
  DEMO_HISTORY_DAYS: z.coerce.number().min(1).max(700).default(60),
  /** About this many events of history, sent once per source. */
  DEMO_HISTORY_EVENTS: z.coerce.number().int().min(1).default(4_000),
  /** Live events per second after the history. */
  DEMO_RATE: z.coerce.number().positive().default(20),
  DEMO_STATE_FILE: z.string().default('.local/demo.json'),
  /** How long to wait for ingestion and reporting to answer /readyz. */
  DEMO_READY_TIMEOUT_MS: z.coerce.number().int().min(1).default(120_000),
});

export type DemoConfig = z.output<typeof demoConfigSchema>;

export function loadDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const parsed = demoConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`demo configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
