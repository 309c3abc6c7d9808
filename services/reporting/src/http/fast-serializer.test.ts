import { describe, expect, it } from 'vitest';
import { compileFastSerializer } from './fast-serializer';
import { MemberPage, MemberView } from './relationship-view';
import { problemSchema } from '@rapport/kit/http';

const member = {
  brandId: 'b', memberId: 'm', version: 3, modelVersion: 1, halfLifeSeconds: 2_592_000, asOf: '2025-03-11T00:00:00.000Z',
  evaluatedAt: '2025-03-01T00:00:00.000Z', identities: [{ platform: 'x', platformId: 'm "quoted" \u2028', handle: '@m' }],
  love: 20.5, reach: 1, gravity: 41, advocacy: 0, sentiment: null, score: 49.5, level: 2, stage: 'engaged', following: true,
  converted: false, isTeam: false, reciprocity: { awaiting: 1, answered: 0, responseRate: 0, medianResponseSeconds: null },
  counts: { comment: 3, reaction: 1 }, firstSeenAt: '2025-01-01T00:00:00.000Z', lastActiveAt: null, previousStage: 'new',
  stageHistory: [{ at: '2025-03-01T00:00:00.000Z', stage: 'engaged', level: 2, cause: 'interaction' }],
};

describe('the fast serializer', () => {
  it('writes what zod would accept, and nothing the schema does not name', () => {
    const json = compileFastSerializer(MemberView)({ ...member, internal: 'secret', doc: { x: 1 } });
    const parsed = JSON.parse(json) as unknown;
    expect(parsed).toEqual(member);
    expect(MemberView.parse(parsed)).toEqual(member);
  });

  it('writes pages and problems', () => {
    const page = { items: [{ ...member, stageHistory: undefined }].map(({ stageHistory: _s, ...m }) => m), nextCursor: null };
    expect(JSON.parse(compileFastSerializer(MemberPage)(page))).toEqual(page);
    const problem = { type: 't', title: 'Bad', status: 400, detail: 'd', errors: [{ path: 'query.limit', message: 'too big' }], extra: 1 };
    expect(JSON.parse(compileFastSerializer(problemSchema)(problem))).toEqual(problem);
  });
});
