import * as z from 'zod';

// Building blocks of the native payload schemas. Tolerant by design: only what an adapter uses
// is required, unknown fields are dropped, and an optional field of the wrong type is treated
// as absent (a platform changing a follower count to null must not cost the interaction).

/** A platform id: a non-empty string, or an integer (GitHub, Discourse) turned into its string. */
export const NativeId = z.union([z.string().min(1), z.int().min(0)]).transform((v) => String(v));

export const optionalId = NativeId.optional().catch(undefined);
export const optionalText = z.string().optional().catch(undefined);
export const optionalCount = z.int().min(0).optional().catch(undefined);
export const optionalBoolean = z.boolean().optional().catch(undefined);
/** Seconds or milliseconds, as a number or a digit string; interpreted by platform-time. */
export const optionalEpoch = z.union([z.number(), z.string()]).optional().catch(undefined);
/** A list whose items are parsed one by one, so one odd item never sinks its neighbours. */
export const itemList = z.array(z.unknown()).optional();
