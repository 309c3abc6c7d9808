import * as z from 'zod';

/** The 202 of an intake route: what was made durable and what was only acknowledged. */
export const acceptedResponseSchema = z
  .object({
    accepted: z.int().min(0).describe('Events made durable by this request'),
    duplicates: z.int().min(0).describe('Events acknowledged but already accepted (redelivery, seen id, repeated id, seen order)'),
    ignored: z.array(z.object({ id: z.string(), reason: z.string() })).describe('Valid events dropped by rule, with the reason'),
    ids: z.array(z.string()).describe('Ids of the events made durable by this request, in request order'),
  })
  .meta({ id: 'Accepted' });
export type AcceptedResponse = z.infer<typeof acceptedResponseSchema>;
