// The Node SDK side of the auth benchmark: tokens minted, tokens verified and 1 KB
// webhooks received per CPU-second (process.cpuUsage(): user + system time of this process).
// Prints one JSON object: {"mint": n, "verify": n, "webhook": n}.
//   node bench_auth.mjs [WEBHOOK_BODY_FILE] [SECONDS_PER_CASE]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AccessToken, TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';

const KEY = 'APIbenchKey';
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const bodyFile =
  process.argv[2] || fileURLToPath(new URL('../../tests/webhook/data/participant_joined.json', import.meta.url));
const seconds = Number(process.argv[3] || 2);
const body = readFileSync(bodyFile, 'utf8');

// The same token as bench/auth/bench_auth.cc mints.
function joinToken() {
  const at = new AccessToken(KEY, SECRET, { identity: 'participant-42', name: 'Participant 42' });
  at.addGrant({ roomJoin: true, room: 'bench-room', canPublish: true, canSubscribe: true });
  return at;
}

// Runs `op` in batches until `seconds` of CPU time are spent; returns operations per CPU-second.
async function perCpuSecond(op) {
  for (let i = 0; i < 200; i++) await op();  // warm up the JIT
  const start = process.cpuUsage();
  let count = 0;
  let used = 0;
  while (used < seconds * 1e6) {
    for (let i = 0; i < 100; i++) await op();
    count += 100;
    const d = process.cpuUsage(start);
    used = d.user + d.system;
  }
  return count / (used / 1e6);
}

const jwt = await joinToken().toJwt();
const verifier = new TokenVerifier(KEY, SECRET);
const hook = new AccessToken(KEY, SECRET);
hook.sha256 = createHash('sha256').update(body).digest('base64');
const auth = await hook.toJwt();
const receiver = new WebhookReceiver(KEY, SECRET);

const result = {
  mint: await perCpuSecond(() => joinToken().toJwt()),
  verify: await perCpuSecond(() => verifier.verify(jwt)),
  webhook: await perCpuSecond(() => receiver.receive(body, auth)),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
