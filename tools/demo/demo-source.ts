import type { IngestionAdmin, SourceSummary } from '../simulator/ingestion-admin';
import type { DemoState } from './demo-state';

// The demo brand's source: the saved one while ingestion still knows it as active, else a new one
// (a fresh database, or a source disabled by an operator). Its secret is only ever known from the
// creation answer, so a source the state does not hold is never reused.

export type SourcePlan =
  | { kind: 'keep'; source: NonNullable<DemoState['source']> }
  /** `historySent`: whether the brand already has its history (through a source now disabled). */
  | { kind: 'create'; reason: string; historySent: boolean };

export function planDemoSource(saved: DemoState['source'], listed: readonly SourceSummary[]): SourcePlan {
  if (saved === undefined) return { kind: 'create', reason: 'no demo source saved yet', historySent: false };
  const found = listed.find((s) => s.id === saved.id);
  if (found === undefined) return { kind: 'create', reason: `source ${saved.id} is unknown to ingestion (a new database?)`, historySent: false };
  // NOTE: same database, so the brand keeps what the old source delivered; sending the history
  // again through a new source would count it twice.
  if (found.status !== undefined && found.status !== 'active') return { kind: 'create', reason: `source ${saved.id} is ${found.status}`, historySent: saved.historySent };
  return { kind: 'keep', source: saved };
}

export async function ensureDemoSource(admin: IngestionAdmin, brandId: string, saved: DemoState['source'], log: (line: string) => void): Promise<NonNullable<DemoState['source']>> {
  const plan = planDemoSource(saved, await admin.listSources(brandId));
  if (plan.kind === 'keep') return plan.source;
  log(`creating the demo source: ${plan.reason}`);
  const created = await admin.createSource({ brandId, name: 'demo simulator' });
  return { id: created.sourceId, secret: created.secret, historySent: plan.historySent };
}
