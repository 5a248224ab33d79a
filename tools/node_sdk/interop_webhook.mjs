// Webhook interop with the official Node SDK.
//   node interop_webhook.mjs sign    API_KEY API_SECRET BODY_FILE        -> prints the Authorization header
//   node interop_webhook.mjs receive API_KEY API_SECRET BODY_FILE AUTH   -> prints the event (proto3 JSON)
// Exit 0 ok, 2 usage, 3 rejected.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AccessToken, WebhookReceiver } from 'livekit-server-sdk';
import { fail } from './claims_spec.mjs';

const [command, apiKey, apiSecret, bodyFile, auth] = process.argv.slice(2);
if (!['sign', 'receive'].includes(command) || !apiKey || !apiSecret || !bodyFile) {
  process.stderr.write('usage: interop_webhook.mjs sign|receive API_KEY API_SECRET BODY_FILE [AUTH]\n');
  process.exit(2);
}
const body = readFileSync(bodyFile, 'utf8');

if (command === 'sign') {
  // What a LiveKit server does: a short token whose sha256 claim is the body's hash.
  const at = new AccessToken(apiKey, apiSecret, { ttl: '5m' });
  at.sha256 = createHash('sha256').update(body).digest('base64');
  process.stdout.write(`${await at.toJwt()}\n`);
} else {
  try {
    const event = await new WebhookReceiver(apiKey, apiSecret).receive(body, auth ?? '');
    process.stdout.write(`${event.toJsonString()}\n`);
  } catch (err) {
    fail('receive', err);
  }
}
