import * as z from 'zod';

// Slack checks a Request URL with a signed POST `{"type": "url_verification", "challenge": …}`;
// the endpoint answers with the challenge (https://api.slack.com/events/url_verification).
const UrlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1024) });

/** The challenge to echo when the (already verified) payload is a url_verification, else undefined. */
export function answerSlackUrlVerification(payload: unknown): { challenge: string } | undefined {
  const parsed = UrlVerification.safeParse(payload);
  return parsed.success ? { challenge: parsed.data.challenge } : undefined;
}
