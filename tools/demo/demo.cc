// `make demo`: the SDK's main job, visible in a minute. Against the bundled multi-region mock
// server (default) it mints and verifies a token, receives a webhook, creates and lists rooms,
// then knocks regions out with the mock's control header and shows calls failing over live.
// With LIVEKIT_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET set it talks to that server instead
// (the failover part runs only against the bundled mock server).
//
// usage: livekit-demo [--mock]   (--mock: LIVEKIT_URL is the bundled mock server)

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <google/protobuf/util/json_util.h>

#include "livekit/access_token.h"
#include "livekit/failover_events.h"
#include "livekit/livekit_api.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/token_verifier.h"
#include "livekit/version.h"
#include "livekit/webhook_receiver.h"

namespace {

using Clock = std::chrono::steady_clock;

bool g_color = false;
const char* Paint(const char* code) { return g_color ? code : ""; }
const char* Bold() { return Paint("\033[1m"); }
const char* Dim() { return Paint("\033[2m"); }
const char* Green() { return Paint("\033[32m"); }
const char* Red() { return Paint("\033[31m"); }
const char* Yellow() { return Paint("\033[33m"); }
const char* Reset() { return Paint("\033[0m"); }

void Section(int n, const std::string& title) { std::printf("\n%s%d. %s%s\n", Bold(), n, title.c_str(), Reset()); }

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Collects what the failover listener reports during one call, to print it after the call.
class EventLog : public livekit::FailoverListener {
 public:
  void OnAttemptFinished(const livekit::AttemptFinishedEvent& e) override {
    const bool ok = e.attempt.outcome == livekit::ErrorCode::kOk;
    Add(e.attempt.host, ok ? std::string("ok") : e.attempt.detail, ok, e.attempt.duration, e.attempt.hedge);
  }
  void OnDiscoveryFinished(const livekit::DiscoveryFinishedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string what = e.from_cache ? "region list from cache" : e.coalesced ? "region list shared" : "discovered";
    if (!e.ok) what = "discovery failed: " + e.detail;
    else what += " " + std::to_string(e.regions) + " regions" + (e.stale ? " (stale)" : "");
    notes_.push_back(what);
  }
  void OnHealthChange(const livekit::HealthChangeEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    notes_.push_back(e.host + (e.healthy ? " healthy again" : " marked down for " + std::to_string(e.cool_down.count() / 1000) + " s"));
  }
  void OnFailoverSkipped(const livekit::FailoverSkippedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    notes_.push_back(std::string("no failover: ") + livekit::ToString(e.reason));
  }

  struct Step {
    std::string host, outcome;
    bool ok;
    std::chrono::milliseconds duration;
    bool hedge;
  };
  // Takes what was collected since the last call.
  void Take(std::vector<Step>* steps, std::vector<std::string>* notes) {
    std::lock_guard<std::mutex> lock(mu_);
    steps->swap(steps_);
    notes->swap(notes_);
    steps_.clear();
    notes_.clear();
  }

 private:
  void Add(std::string host, std::string outcome, bool ok, std::chrono::milliseconds d, bool hedge) {
    std::lock_guard<std::mutex> lock(mu_);
    steps_.push_back({std::move(host), std::move(outcome), ok, d, hedge});
  }
  std::mutex mu_;
  std::vector<Step> steps_;
  std::vector<std::string> notes_;
};

// "127.0.0.1:10000" -> "region-1" using the discovered list; the host itself when unknown.
std::string RegionOf(const livekit::RegionState& state, const std::string& origin, const std::string& host) {
  for (const auto& r : state.Describe(origin).regions) {
    if (r.url.size() >= host.size() && r.url.compare(r.url.size() - host.size(), host.size(), host) == 0) return r.name;
  }
  return host;
}

void PrintCall(const char* label, EventLog& log, const livekit::RegionState& state, const std::string& origin,
               bool ok, const std::string& summary, double ms) {
  std::vector<EventLog::Step> steps;
  std::vector<std::string> notes;
  log.Take(&steps, &notes);
  std::string path;
  for (const auto& s : steps) {
    if (!path.empty()) path += " -> ";
    path += std::string(s.ok ? Green() : Red()) + (s.hedge ? "hedge " : "") + RegionOf(state, origin, s.host) +
            (s.ok ? "" : " " + s.outcome) + Reset();
  }
  std::printf("   %-22s %s%-7s%s %8.1f ms  %s\n", label, ok ? Green() : Red(), ok ? "ok" : "failed", Reset(), ms,
              path.c_str());
  if (!summary.empty()) std::printf("   %-22s %s%s%s\n", "", Dim(), summary.c_str(), Reset());
  for (const auto& n : notes) std::printf("   %-22s %s%s%s\n", "", Yellow(), n.c_str(), Reset());
}

void PrintRegions(const livekit::RegionState& state, const std::string& origin) {
  auto view = state.Describe(origin);
  std::printf("   %sregion health:%s", Dim(), Reset());
  for (const auto& r : view.regions) {
    if (r.healthy) {
      std::printf("  %s%s up%s", Green(), r.name.c_str(), Reset());
    } else {
      std::printf("  %s%s down %llds%s", Red(), r.name.c_str(),
                  static_cast<long long>((r.cool_down_left.count() + 999) / 1000), Reset());
    }
  }
  std::printf("\n");
}

std::string Base64(const unsigned char* data, int n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]), data, n);
  out.resize(static_cast<std::size_t>(len));
  return out;
}

int Fail(const std::string& what, const livekit::Error& e) {
  std::fprintf(stderr, "%sdemo failed:%s %s: %s\n", Red(), Reset(), what.c_str(), e.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const bool mock = argc > 1 && std::strcmp(argv[1], "--mock") == 0;
  g_color = isatty(STDOUT_FILENO) && Env("NO_COLOR").empty() && Env("TERM") != "dumb";
  const std::string url = Env("LIVEKIT_URL"), key = Env("LIVEKIT_API_KEY"), secret = Env("LIVEKIT_API_SECRET");
  if (url.empty() || key.empty() || secret.empty()) {
    std::fprintf(stderr, "livekit-demo: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET (make demo does)\n");
    return 2;
  }
  std::printf("%slivekit-server-sdk-cpp %s%s  against %s%s\n", Bold(), livekit::kSdkVersion, Reset(), url.c_str(),
              mock ? " (bundled mock server, 4 regions on loopback)" : "");

  // 1. Tokens: mint one for a participant and verify it as a server would.
  Section(1, "Access token");
  livekit::VideoGrant grant;
  grant.room_join = true;
  grant.room = "demo-room";
  grant.can_publish_sources = std::vector<std::string>{"camera", "microphone"};
  auto minted = livekit::AccessToken(key, secret).set_identity("demo-user").set_name("Demo User")
                    .set_video_grant(grant).set_ttl(std::chrono::minutes(10)).ToJwt();
  if (!minted.ok()) return Fail("minting a token", minted.error());
  std::printf("   %-22s identity demo-user, room demo-room, camera+microphone, 10 min (%zu bytes, HS256)\n", "minted",
              minted->size());
  auto claims = livekit::TokenVerifier(key, secret).Verify(*minted);
  if (!claims.ok()) return Fail("verifying the token", claims.error());
  std::printf("   %-22s %sok%s issuer %s, identity %s, room %s\n", "verified", Green(), Reset(), claims->issuer.c_str(),
              claims->identity.c_str(), claims->video && claims->video->room ? claims->video->room->c_str() : "-");
  auto forged = livekit::TokenVerifier(key, secret + "x").Verify(*minted);
  std::printf("   %-22s %s%s%s\n", "wrong secret", forged.ok() ? Red() : Green(),
              forged.ok() ? "accepted (bug!)" : forged.error().message().c_str(), Reset());

  // 2. Webhooks: an event signed as LiveKit signs it, received and checked.
  Section(2, "Webhook");
  livekit::WebhookEvent event;
  event.set_event("room_started");
  event.mutable_room()->set_name("demo-room");
  event.set_id("EV_demo");
  std::string body;
  (void)google::protobuf::util::MessageToJsonString(event, &body);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
  auto auth = livekit::AccessToken(key, secret).set_sha256(Base64(digest, SHA256_DIGEST_LENGTH))
                  .set_ttl(std::chrono::minutes(5)).ToJwt();
  if (!auth.ok()) return Fail("signing a webhook", auth.error());
  livekit::WebhookReceiver receiver(key, secret);
  auto received = receiver.Receive(body, *auth);
  if (!received.ok()) return Fail("receiving the webhook", received.error());
  std::printf("   %-22s %sok%s %s for room %s (%zu-byte body, sha256 checked)\n", "received", Green(), Reset(),
              received->event().c_str(), received->room().name().c_str(), body.size());
  auto tampered = receiver.Receive(body + " ", *auth);
  std::printf("   %-22s %s%s%s\n", "tampered body", tampered.ok() ? Red() : Green(),
              tampered.ok() ? "accepted (bug!)" : tampered.error().message().c_str(), Reset());

  // 3. The server API.
  Section(3, "Rooms");
  auto state = std::make_shared<livekit::RegionState>();
  auto events = std::make_shared<EventLog>();
  livekit::ClientOptions options;
  options.url = url;
  options.api_key = key;
  options.api_secret = secret;
  options.failover.force = mock;  // the mock runs on 127.0.0.1, not *.livekit.cloud
  options.failover.region_state = state;
  options.failover.listener = events;
  options.failover.logger = livekit::MakeNullLogger();  // the listener shows every event instead
  auto api = livekit::LiveKitAPI::Create(options);
  if (!api.ok()) return Fail("configuring the client", api.error());
  const std::string origin = url;

  const std::string room = mock ? "demo-room" : "lkcpp-demo-" + std::to_string(::getpid());
  auto t0 = Clock::now();
  auto created = api->room().CreateRoom(room);
  if (!created.ok()) return Fail("CreateRoom", created.error());
  PrintCall("CreateRoom", *events, *state, origin, true, "room " + created->name() + ", sid " + created->sid(),
            MsSince(t0));
  t0 = Clock::now();
  auto rooms = api->room().ListRooms();
  if (!rooms.ok()) return Fail("ListRooms", rooms.error());
  PrintCall("ListRooms", *events, *state, origin, true, std::to_string(rooms->size()) + " room(s)", MsSince(t0));

  if (!mock) {
    t0 = Clock::now();
    auto deleted = api->room().DeleteRoom(room);
    if (!deleted.ok()) return Fail("DeleteRoom", deleted.error());
    PrintCall("DeleteRoom", *events, *state, origin, true, "", MsSince(t0));
    // Regions cannot be knocked out on a real server: say what failover would do here.
    std::string host = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
    host = host.substr(0, host.find_first_of(":/"));
    for (auto& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string cloud = ".livekit.cloud";
    const bool is_cloud = host.size() > cloud.size() && host.compare(host.size() - cloud.size(), cloud.size(), cloud) == 0;
    std::printf("\n%sFailover:%s %s\n", Bold(), Reset(),
                is_cloud ? "on for this LiveKit Cloud project: a call that meets a transport error or a 5xx is "
                           "replayed on the project's other regions (the live failover demo needs the bundled mock "
                           "server: make demo without LIVEKIT_URL)"
                         : "off: this host is not LiveKit Cloud (the live failover demo needs the bundled mock "
                           "server: make demo without LIVEKIT_URL)");
    return 0;
  }

  // 4. Failover: the mock's control header makes chosen regions fail this request.
  auto run = [&](const char* label, const std::string& control) {
    livekit::CallOptions call;
    call.headers.push_back({"X-Lk-Mock", control});
    auto start = Clock::now();
    auto r = api->room().ListRooms(livekit::ListRoomsRequest{}, call);
    PrintCall(label, *events, *state, origin, r.ok(), r.ok() ? "" : r.error().ToString(), MsSince(start));
    return r.ok();
  };
  Section(4, "Region 0 answers 503: calls fail over, then go straight to a healthy region");
  const std::string down0 = R"({"failRegions":[0]})";
  bool all_ok = true;
  for (int i = 1; i <= 3; ++i) all_ok &= run(("ListRooms #" + std::to_string(i)).c_str(), down0);
  PrintRegions(*state, origin);

  Section(5, "Regions 0 and 1 drop connections: the call moves on to region 2");
  all_ok &= run("ListRooms", R"({"failRegions":[0,1],"failMode":"drop"})");
  all_ok &= run("ListRooms again", R"({"failRegions":[0,1],"failMode":"drop"})");
  PrintRegions(*state, origin);

  Section(6, "Every region fails: the error lists each attempt");
  {
    livekit::CallOptions call;
    call.headers.push_back({"X-Lk-Mock", R"({"failRegions":[0,1,2,3]})"});
    auto start = Clock::now();
    auto r = api->room().ListRooms(livekit::ListRoomsRequest{}, call);
    PrintCall("ListRooms", *events, *state, origin, r.ok(), "", MsSince(start));
    if (!r.ok()) {
      for (const auto& a : r.error().attempts()) {
        std::printf("   %-22s %s%-10s%s %-28s %5lld ms\n", "", Red(), RegionOf(*state, origin, a.host).c_str(), Reset(),
                    a.detail.c_str(), static_cast<long long>(a.duration.count()));
      }
    }
    all_ok &= !r.ok();
  }

  Section(7, "Region 0 hangs: a read without hedging, then with hedging after 300 ms");
  for (bool hedged : {false, true}) {
    // A fresh region state each time, so both reads meet the hanging region cold.
    auto cold = std::make_shared<livekit::RegionState>();
    livekit::ClientOptions o = options;
    o.timeout = std::chrono::seconds(5);
    o.failover.region_state = cold;
    if (hedged) o.failover.hedge_after = std::chrono::milliseconds(300);
    livekit::RoomServiceClient client(o);
    livekit::CallOptions call;
    call.headers.push_back({"X-Lk-Mock", R"({"failRegions":[0],"failMode":"hang"})"});
    auto start = Clock::now();
    auto r = client.ListRooms(livekit::ListRoomsRequest{}, call);
    PrintCall(hedged ? "hedge after 300 ms" : "no hedging (5 s)", *events, *cold, origin, r.ok(),
              r.ok() ? "" : r.error().ToString(), MsSince(start));
    all_ok &= r.ok();
  }

  const auto c = state->counters();
  std::printf("\n%sCounters%s  calls %llu, attempts %llu, failovers %llu, health-routed calls %llu, "
              "discovery requests %llu\n",
              Bold(), Reset(), static_cast<unsigned long long>(c.calls), static_cast<unsigned long long>(c.attempts),
              static_cast<unsigned long long>(c.failovers), static_cast<unsigned long long>(c.health_routed_calls),
              static_cast<unsigned long long>(c.discovery_requests));
  return all_ok ? 0 : 1;
}
