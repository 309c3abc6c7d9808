import type { Queryable } from '@rapport/kit/pg';
import { generateStandardWebhookSecret } from '../signatures';
import type { SecretBox } from './secret-box';
import { ROTATION_OVERLAP_MS, type Source, type SourcePlatform, type SourceWithCredentials } from './source';
import { generateSourceId } from './source-id';
import { disableSource, findSource, insertSource, listSourcesOfBrand, rotateSourceSecret, type SourceRow } from './source-store';
import { TtlCache } from './ttl-cache';

export interface RegisterSource {
  brandId: string;
  platform: SourcePlatform;
  name: string;
  verifyToken?: string | undefined;
  appSecret?: string | undefined;
  publicKey?: string | undefined;
  brandAccountIds?: string[] | undefined;
  rateLimitPerSecond?: number | undefined;
}

export interface SourceRegistryOptions {
  db: Queryable;
  box: SecretBox;
  /** How long a looked-up source is trusted before it is read again (other replicas' changes). */
  cacheTtlMs: number;
  now?: () => Date;
}

// The sealing context binds each ciphertext to its source and its column (see secret-box.ts).
// The current and previous webhook secrets share one context: rotation moves the value between
// the two columns in SQL without opening it.
const webhookSecretContext = (id: string) => `${id}:webhook-secret`;
const appSecretContext = (id: string) => `${id}:app-secret`;
const verifyTokenContext = (id: string) => `${id}:verify-token`;

/**
 * The source registry: registration, listing, disabling and secret rotation for the admin API,
 * and the cached lookup with opened credentials for the request path.
 */
export class SourceRegistry {
  private readonly db: Queryable;
  private readonly box: SecretBox;
  private readonly now: () => Date;
  private readonly cache: TtlCache<SourceWithCredentials>;

  constructor(options: SourceRegistryOptions) {
    this.db = options.db;
    this.box = options.box;
    this.now = options.now ?? (() => new Date());
    this.cache = new TtlCache(async (id) => {
      const row = await findSource(this.db, id);
      return row === undefined ? undefined : this.open(row);
    }, options.cacheTtlMs);
  }

  /** Registers a source; the returned secret is shown to the caller once and never again. */
  async register(input: RegisterSource): Promise<{ source: Source; secret: string }> {
    const id = generateSourceId();
    const secret = generateStandardWebhookSecret();
    const row = await insertSource(this.db, {
      id,
      brandId: input.brandId,
      platform: input.platform,
      name: input.name,
      secretSealed: this.box.seal(secret, webhookSecretContext(id)),
      appSecretSealed: input.appSecret === undefined ? null : this.box.seal(input.appSecret, appSecretContext(id)),
      verifyTokenSealed: input.verifyToken === undefined ? null : this.box.seal(input.verifyToken, verifyTokenContext(id)),
      publicKey: input.publicKey ?? null,
      brandAccountIds: input.brandAccountIds ?? [],
      rateLimitPerSecond: input.rateLimitPerSecond ?? null,
    });
    return { source: toSource(row), secret };
  }

  async listByBrand(brandId: string): Promise<Source[]> {
    return (await listSourcesOfBrand(this.db, brandId)).map(toSource);
  }

  /** False when no such source exists. */
  async disable(id: string): Promise<boolean> {
    const found = await disableSource(this.db, id);
    this.cache.invalidate(id);
    return found;
  }

  /** The new secret, or undefined when no active source has that id. */
  async rotateSecret(id: string): Promise<string | undefined> {
    const secret = generateStandardWebhookSecret();
    const expiresAt = new Date(this.now().getTime() + ROTATION_OVERLAP_MS);
    const rotated = await rotateSourceSecret(this.db, id, this.box.seal(secret, webhookSecretContext(id)), expiresAt);
    this.cache.invalidate(id);
    return rotated ? secret : undefined;
  }

  /** The active source with its credentials, or undefined when unknown or disabled. Cached. */
  async findActive(id: string): Promise<SourceWithCredentials | undefined> {
    const source = await this.cache.get(id);
    return source?.status === 'active' ? source : undefined;
  }

  private open(row: SourceRow): SourceWithCredentials {
    const previous =
      row.previous_secret_sealed !== null && row.previous_secret_expires_at !== null
        ? { secret: this.box.open(row.previous_secret_sealed, webhookSecretContext(row.id)), expiresAt: row.previous_secret_expires_at }
        : null;
    return {
      ...toSource(row),
      secret: this.box.open(row.secret_sealed, webhookSecretContext(row.id)),
      previousSecret: previous,
      appSecret: row.app_secret_sealed === null ? null : this.box.open(row.app_secret_sealed, appSecretContext(row.id)),
      verifyToken: row.verify_token_sealed === null ? null : this.box.open(row.verify_token_sealed, verifyTokenContext(row.id)),
    };
  }
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    brandId: row.brand_id,
    platform: row.platform,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    brandAccountIds: row.brand_account_ids,
    publicKey: row.public_key,
    rateLimitPerSecond: row.rate_limit_per_second,
  };
}
