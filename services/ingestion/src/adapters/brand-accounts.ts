import type { AdapterSource } from './adapter-contract';

/**
 * Who speaks for the brand: the source's registered accounts plus the account the payload is
 * addressed to (X's for_user_id, a Meta entry's Page id). Comparison is exact; GitHub logins and
 * Discourse usernames are compared case-insensitively because both platforms treat them so.
 */
export class BrandAccounts {
  private readonly ids: Set<string>;
  private readonly names: Set<string>;

  constructor(source: AdapterSource, ...addressed: string[]) {
    this.ids = new Set([...source.brandAccountIds, ...addressed]);
    this.names = new Set(source.brandAccountIds.map((id) => id.toLowerCase()));
  }

  has(id: string | undefined): boolean {
    return id !== undefined && this.ids.has(id);
  }

  hasName(name: string | undefined): boolean {
    return name !== undefined && this.names.has(name.toLowerCase());
  }
}

/** When a source lists its accounts, a payload addressed to another account is not the brand's. */
export function addressedToBrand(source: AdapterSource, accountId: string): boolean {
  return source.brandAccountIds.length === 0 || source.brandAccountIds.includes(accountId);
}
