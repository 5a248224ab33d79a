// Throughput of the auth paths, per CPU-second (Google Benchmark divides rates by CPU time).
// The same work is measured with the official Node SDK by tools/node_sdk/bench_auth.mjs;
// scripts/bench_auth.sh runs both and prints the ratios.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <fstream>
#include <sstream>

#include "livekit/access_token.h"
#include "livekit/token_verifier.h"
#include "livekit/webhook_receiver.h"

namespace {

constexpr char kKey[] = "APIbenchKey";
constexpr char kSecret[] = "bench-secret-0123456789abcdef0123456789abcdef";

// The token both harnesses mint: a typical participant join token.
livekit::AccessToken JoinToken() {
  livekit::VideoGrant grant;
  grant.room_join = true;
  grant.room = "bench-room";
  grant.can_publish = true;
  grant.can_subscribe = true;
  livekit::AccessToken t(kKey, kSecret);
  t.set_identity("participant-42").set_name("Participant 42").set_video_grant(grant);
  return t;
}

std::string SampleBody() {
  std::ifstream in(LIVEKIT_SAMPLE_WEBHOOK, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void BM_MintToken(benchmark::State& state) {
  for (auto _ : state) {
    // A new token per iteration, as a backend does per participant.
    auto jwt = JoinToken().ToJwt();
    benchmark::DoNotOptimize(jwt);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MintToken);

void BM_VerifyToken(benchmark::State& state) {
  const std::string jwt = JoinToken().ToJwt().value();
  const livekit::TokenVerifier verifier(kKey, kSecret);
  for (auto _ : state) {
    auto claims = verifier.Verify(jwt);
    if (!claims.ok()) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(claims);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyToken);

void BM_ReceiveWebhook(benchmark::State& state) {
  const std::string body = SampleBody();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hash(4 * ((len + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(hash.data()), digest, static_cast<int>(len));
  const std::string auth = livekit::AccessToken(kKey, kSecret).set_sha256(hash).ToJwt().value();
  const livekit::WebhookReceiver receiver(kKey, kSecret);
  for (auto _ : state) {
    auto event = receiver.Receive(body, auth);
    if (!event.ok()) state.SkipWithError("webhook refused");
    benchmark::DoNotOptimize(event);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_ReceiveWebhook);

}  // namespace

BENCHMARK_MAIN();
