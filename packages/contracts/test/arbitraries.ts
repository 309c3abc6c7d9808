import fc from 'fast-check';
import {
  Direction, FORBIDDEN_ATTRIBUTE_KEYS, InteractionType, Platform,
  type InteractionEvent, type InteractionEventInput,
} from '../src/index';

// The valid domain, written independently of the schemas' code where it can be.
const forbidden = new Set<string>(FORBIDDEN_ATTRIBUTE_KEYS);
// eslint-disable-next-line no-control-regex
const storable = (s: string) => !/\u0000|\p{Surrogate}/u.test(s);

/** Any text (control characters, astral planes, RTL marks…) that Postgres can store. */
export const text = (minLength: number, maxLength: number) =>
  fc.string({ unit: 'binary', minLength, maxLength }).filter(storable);

export const token = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);
export const platform = fc.constantFrom(...Platform.options);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** RFC 3339 with `Z` or a `±hh:mm` offset, with or without fractional seconds. */
export const timestamp = fc
  .record({
    ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }),
    offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -14 * 60, max: 14 * 60 })),
    zulu: fc.boolean(),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
  })
  .map(({ ms, offsetMinutes, zulu, fraction }) => {
    const off = zulu ? 0 : offsetMinutes;
    const d = new Date(ms + off * 60_000);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction === undefined ? '' : `.${fraction}`}`;
    const sign = off < 0 ? '-' : '+';
    const zone = zulu ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    return `${date}T${time}${zone}`;
  });

// -0 is a valid number but JSON writes it as 0; the round trip compares values, so avoid it.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

const attributes = fc.dictionary(
  text(1, 100).filter((k) => !forbidden.has(k)),
  fc.oneof(text(0, 100), finite, fc.boolean()),
  { maxKeys: 50, noNullPrototype: true },
);

const member = fc.record(
  {
    platformId: text(1, 200),
    handle: text(0, 60),
    displayName: text(0, 60),
    followers: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    emailHash: hex64,
    isTeam: fc.boolean(),
  },
  { requiredKeys: ['platformId'] },
);

const content = fc.record(
  {
    text: text(0, 300),
    url: fc.webUrl({ validSchemes: ['https', 'http'] }).filter((u) => u.length <= 2048),
    threadId: text(1, 200),
    parentId: text(1, 200),
    rating: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: [] },
);

const conversion = fc.record(
  {
    value: fc.double({ min: 0, max: Number.MAX_SAFE_INTEGER, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    currency: fc.stringMatching(/^[A-Z]{3}$/),
    orderId: text(1, 200),
  },
  { requiredKeys: ['value', 'currency'] },
);

/** A valid sender event: the cross-field rules hold by construction. */
export const inputEvent: fc.Arbitrary<InteractionEventInput> = fc
  .record({
    id: text(1, 200),
    platform,
    type: fc.constantFrom(...InteractionType.options),
    direction: fc.constantFrom(...Direction.options),
    occurredAt: timestamp,
    member,
    content: fc.option(content, { nil: undefined }),
    conversion,
    referral: fc.record({ referredPlatformId: text(1, 200) }, { requiredKeys: [] }),
    attributes: fc.option(attributes, { nil: undefined }),
    email: fc.option(fc.stringMatching(/^[a-z0-9]{1,20}@[a-z]{1,20}\.[a-z]{2,6}$/), { nil: undefined }),
    parentId: text(1, 200),
  })
  .map(({ conversion: conv, referral, email, parentId, content: c, member: m, ...e }) => {
    const event: InteractionEventInput = { ...e, member: { ...m } };
    if (c !== undefined) event.content = { ...c };
    if (e.type === 'conversion') event.conversion = conv;
    if (e.type === 'referral') event.referral = referral;
    if (e.type === 'retraction') event.content = { ...event.content, parentId };
    if (email !== undefined) event.member.email = email;
    if (e.platform === 'email' && event.member.emailHash === undefined && email === undefined) event.member.email = 'someone@example.com';
    if (event.attributes === undefined) delete event.attributes;
    if (event.content === undefined) delete event.content;
    return event;
  });

/** A valid canonical event, as ingestion publishes it. */
export const canonicalEvent: fc.Arbitrary<InteractionEvent> = fc
  .tuple(inputEvent, token, token, timestamp, hex64)
  .map(([input, brandId, sourceId, receivedAt, hash]) => {
    const { email: _email, ...memberRest } = input.member;
    const member = input.platform === 'email' ? { ...memberRest, emailHash: memberRest.emailHash ?? hash } : memberRest;
    return { ...input, member, brandId, sourceId, receivedAt };
  });
