import { MemberId, Platform, PlatformId, Stage, Timestamp } from '@rapport/contracts';
import { problemSchema, validationProblem, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { MEMBER_SORTS, decodeMemberCursor, encodeMemberCursor } from '../domain/cursor';
import { gravityForScore } from '../domain/decay';
import { serveRelationship } from '../domain/served-relationship';
import { findMember, findMemberByIdentity, listMembers, type MemberRecord } from '../store/member-queries';
import { memberNotFound } from './problems';
import { BrandParams, cursorField, limitField } from './query-params';
import { MemberPage, MemberView } from './relationship-view';

export interface MemberRoutesDeps {
  db: Pool;
  now: () => number;
}

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 429: problemSchema };

const ListQuery = z.object({
  stage: Stage.optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  platform: Platform.optional(),
  minScore: z.coerce.number().min(0).max(100).optional().describe('Only members whose score (as of the request) is at least this.'),
  updatedSince: Timestamp.optional().describe('Only relationships that changed at or after this instant.'),
  sort: z.enum(MEMBER_SORTS).default('-score'),
  limit: limitField,
  cursor: cursorField,
  includeTeam: z.enum(['true', 'false']).default('false').describe('Teammates are excluded unless true.'),
});

export function registerMemberRoutes(scope: HttpServer, deps: MemberRoutesDeps): void {
  const serve = (record: MemberRecord, asOfMs: number) => ({ ...serveRelationship(record.doc, asOfMs), stageHistory: record.stageHistory });

  scope.get(
    '/v1/brands/:brandId/members/lookup',
    {
      schema: {
        tags: ['members'], summary: 'A relationship by one of the member’s identities', security: [{ apiKey: [] }],
        params: BrandParams, querystring: z.object({ platform: Platform, platformId: PlatformId }),
        response: { 200: MemberView, ...errors },
      },
    },
    async (request) => {
      const record = await findMemberByIdentity(deps.db, request.params.brandId, request.query.platform, request.query.platformId);
      if (record === null) throw memberNotFound();
      return serve(record, deps.now());
    },
  );

  scope.get(
    '/v1/brands/:brandId/members/:memberId',
    {
      schema: {
        tags: ['members'], summary: 'A relationship (an absorbed member answers with its survivor)', security: [{ apiKey: [] }],
        params: BrandParams.extend({ memberId: MemberId }),
        response: { 200: MemberView, ...errors },
      },
    },
    async (request) => {
      const record = await findMember(deps.db, request.params.brandId, request.params.memberId);
      if (record === null) throw memberNotFound();
      return serve(record, deps.now());
    },
  );

  scope.get(
    '/v1/brands/:brandId/members',
    {
      schema: {
        tags: ['members'], summary: 'Members, filtered and sorted; stable cursor pagination', security: [{ apiKey: [] }],
        params: BrandParams, querystring: ListQuery,
        response: { 200: MemberPage, ...errors },
      },
    },
    async (request) => {
      const query = request.query;
      let asOfMs = deps.now();
      let after: { key: number; memberId: string } | undefined;
      if (query.cursor !== undefined) {
        const cursor = decodeMemberCursor(query.cursor);
        if (cursor === null) throw validationProblem([{ path: 'query.cursor', message: 'not a cursor of this list' }]);
        if (cursor.sort !== query.sort) throw validationProblem([{ path: 'query.cursor', message: `the cursor belongs to sort ${cursor.sort}` }]);
        // A cursor pins its asOf: every page shows values as of the first one.
        asOfMs = cursor.asOfMs;
        after = { key: cursor.key, memberId: cursor.memberId };
      }
      const minGravity = query.minScore === undefined ? 0 : gravityForScore(query.minScore);
      const rows = await listMembers(deps.db, {
        brandId: request.params.brandId,
        sort: query.sort,
        limit: query.limit,
        asOfMs,
        ...(query.stage === undefined ? {} : { stage: query.stage }),
        ...(query.level === undefined ? {} : { level: query.level }),
        ...(query.platform === undefined ? {} : { platform: query.platform }),
        ...(minGravity > 0 ? { minGravityLog2: Math.log2(minGravity) } : {}),
        ...(query.updatedSince === undefined ? {} : { updatedSince: query.updatedSince }),
        includeTeam: query.includeTeam === 'true',
        ...(after === undefined ? {} : { after }),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = rows.length > query.limit && last !== undefined
        ? encodeMemberCursor({ sort: query.sort, asOfMs, key: last.key, memberId: last.memberId })
        : null;
      return { items: page.map((r) => serveRelationship(r.doc, asOfMs)), nextCursor };
    },
  );
}
