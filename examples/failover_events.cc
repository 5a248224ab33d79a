// Region failover, live: prints every failover event while calls fail over between the
// regions of the bundled mock server.
//
//   lk-mock-server --ports 0,0,0,0 &                  # note the port of region-0
//   example_failover_events http://127.0.0.1:<port>   # or LIVEKIT_URL; key/secret devkey/secret
//
// Against a real LiveKit Cloud project, pass its URL and drop `force` (it is for tests).

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"

namespace {

// Called on the SDK's I/O thread: short, thread-safe, no blocking.
class PrintingListener : public livekit::FailoverListener {
 public:
  void OnAttemptStarted(const livekit::AttemptStartedEvent& e) override {
    Print("  attempt %d -> %s %s(%s)\n", e.index + 1, e.host.c_str(), e.region.empty() ? "" : (e.region + " ").c_str(),
          livekit::ToString(e.reason));
  }
  void OnAttemptFinished(const livekit::AttemptFinishedEvent& e) override {
    Print("  attempt %d <- %s: %s, %lld ms%s\n", e.index + 1, e.attempt.host.c_str(),
          e.attempt.outcome == livekit::ErrorCode::kOk ? "ok" : e.attempt.detail.c_str(),
          static_cast<long long>(e.attempt.duration.count()), e.retryable ? " (retryable)" : "");
  }
  void OnDiscoveryFinished(const livekit::DiscoveryFinishedEvent& e) override {
    Print("  regions of %s: %d%s%s%s\n", e.origin.c_str(), e.regions, e.from_cache ? " (cached)" : "",
          e.coalesced ? " (shared request)" : "", e.stale ? " (stale)" : "");
  }
  void OnHealthChange(const livekit::HealthChangeEvent& e) override {
    if (e.healthy) Print("  health: %s restored\n", e.host.c_str());
    else Print("  health: %s avoided for %lld ms\n", e.host.c_str(), static_cast<long long>(e.cool_down.count()));
  }
  void OnFailoverSkipped(const livekit::FailoverSkippedEvent& e) override {
    Print("  no failover: %s (%s)\n", livekit::ToString(e.reason), e.detail.c_str());
  }
  void OnRegionPinned(const livekit::RegionPinnedEvent& e) override {
    Print("  451 from %s, project pinned: next %s\n", e.pinned_host.c_str(), e.next_host.empty() ? "none" : e.next_host.c_str());
  }

 private:
  template <typename... Args>
  void Print(const char* fmt, Args... args) {
    std::lock_guard<std::mutex> lock(mu_);
    std::printf(fmt, args...);
    std::fflush(stdout);
  }
  std::mutex mu_;
};

void Call(const livekit::ClientOptions& base, const char* title, const std::string& control) {
  std::printf("%s\n", title);
  livekit::ClientOptions o = base;
  o.headers.emplace_back("X-Lk-Mock", control);  // tells the mock which regions fail
  livekit::RoomServiceClient rooms(o);
  auto r = rooms.ListRooms(livekit::ListRoomsRequest());
  if (r.ok()) {
    std::printf("  => ok\n\n");
  } else {
    std::printf("  => %s\n\n", r.error().ToString().c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* url = argc > 1 ? argv[1] : std::getenv("LIVEKIT_URL");
  if (url == nullptr) {
    std::fprintf(stderr, "usage: example_failover_events URL_OF_MOCK_REGION_0 (or LIVEKIT_URL)\n");
    return 2;
  }
  livekit::ClientOptions o;
  o.url = url;
  o.api_key = "devkey";
  o.api_secret = "secret";
  o.timeout = std::chrono::seconds(5);
  o.failover.force = true;  // the mock runs on 127.0.0.1, not *.livekit.cloud
  o.failover.listener = std::make_shared<PrintingListener>();
  o.failover.logger = livekit::MakeNullLogger();  // the listener says it all

  Call(o, "1. region-0 answers 503:", R"({"failRegions":[0]})");
  Call(o, "2. region-0 and region-1 drop the connection:", R"({"failRegions":[0,1],"failMode":"drop"})");
  Call(o, "3. region-0 is healthy again, but still cooling down:", "{}");
  Call(o, "4. the project is pinned to region-3:", R"({"pinnedRegions":["region-3"]})");
  Call(o, "5. a 400 is an answer, not a failure:", R"({"failRegions":[0,1,2,3],"failStatus":400})");

  auto c = livekit::RegionState::Default()->counters();
  std::printf("counters: %llu calls, %llu attempts, %llu failovers, %llu discovery requests\n",
              static_cast<unsigned long long>(c.calls), static_cast<unsigned long long>(c.attempts),
              static_cast<unsigned long long>(c.failovers), static_cast<unsigned long long>(c.discovery_requests));
  return 0;
}
