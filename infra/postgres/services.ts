/** The services that own a schema, and the two roles each one gets (docs/architecture.md). */
export const RAPPORT_SERVICES = ['ingestion', 'scoring', 'reporting'] as const;
export type ServiceName = (typeof RAPPORT_SERVICES)[number];

/** `owner` runs the service's migrations (owns its schema); `runtime` is what the service runs as. */
export type RoleKind = 'runtime' | 'owner';

export function roleFor(service: ServiceName, kind: RoleKind): string {
  return kind === 'owner' ? `rapport_${service}_owner` : `rapport_${service}`;
}
