// Token interop with the official Node SDK.
//   node interop_token.mjs mint   API_KEY API_SECRET SPEC_FILE   -> prints the JWT
//   node interop_token.mjs verify API_KEY API_SECRET JWT         -> prints the payload as JSON
// Exit 0 ok, 2 usage, 3 rejected.
import { readFileSync } from 'node:fs';
import { TokenVerifier } from 'livekit-server-sdk';
import { fail, tokenFromSpec } from './claims_spec.mjs';

const [command, apiKey, apiSecret, arg] = process.argv.slice(2);
if (!['mint', 'verify'].includes(command) || !apiKey || !apiSecret || !arg) {
  process.stderr.write('usage: interop_token.mjs mint|verify API_KEY API_SECRET SPEC_FILE|JWT\n');
  process.exit(2);
}

if (command === 'mint') {
  const spec = JSON.parse(readFileSync(arg, 'utf8'));
  try {
    process.stdout.write(`${await tokenFromSpec(apiKey, apiSecret, spec).toJwt()}\n`);
  } catch (err) {
    fail('mint', err);
  }
} else {
  try {
    const payload = await new TokenVerifier(apiKey, apiSecret).verify(arg);
    process.stdout.write(`${JSON.stringify(payload)}\n`);
  } catch (err) {
    fail('verify', err);
  }
}
