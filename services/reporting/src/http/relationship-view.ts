/** Response schemas of the member routes: the fields of `RelationshipUpdated` except `cause`. */
import { InboundCounts, Reciprocity, Stage } from '@rapport/contracts';
import * as z from 'zod';

const Identity = z.object({ platform: z.string(), platformId: z.string(), handle: z.string().optional() });

export const RelationshipView = z
  .object({
    brandId: z.string(),
    memberId: z.string(),
    version: z.int(),
    modelVersion: z.int(),
    halfLifeSeconds: z.int(),
    asOf: z.string().describe('The request time: every decaying value is as of this instant.'),
    evaluatedAt: z.string().describe('When stage and level were last evaluated.'),
    identities: z.array(Identity),
    displayName: z.string().optional(),
    love: z.number(),
    reach: z.number(),
    gravity: z.number(),
    advocacy: z.number(),
    sentiment: z.number().nullable(),
    score: z.number(),
    level: z.int(),
    stage: Stage,
    following: z.boolean(),
    converted: z.boolean(),
    isTeam: z.boolean(),
    reciprocity: Reciprocity,
    counts: InboundCounts,
    firstSeenAt: z.string(),
    lastActiveAt: z.string().nullable(),
    previousStage: Stage.optional(),
    previousLevel: z.int().optional(),
  })
  .meta({ description: 'A relationship, decaying values as of the request.' });

export const StageChangeView = z.object({ at: z.string(), stage: Stage, level: z.int(), cause: z.string() });

export const MemberView = RelationshipView.extend({
  stageHistory: z.array(StageChangeView).describe('The latest 50 stage or level changes, newest first.'),
});

export const MemberPage = z.object({
  items: z.array(RelationshipView),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});
