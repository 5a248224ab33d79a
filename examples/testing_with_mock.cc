// The examples of docs/testing.md, as a program: a client whose primary region fails, and one
// call that overrides the client's scenario. The suite runs it against lk-mock-server, and a
// docs check keeps the code between the snippet markers identical to the page.
//
//   lk-mock-server --ports 0,0 &                        # note the port of region-0
//   example_testing_with_mock http://127.0.0.1:<port>   # or LIVEKIT_URL
//
// Exits 0 when both behave as the page says, 1 otherwise.

#include <cstdio>
#include <cstdlib>
#include <string>

// snippet-begin docs/testing.md
#include <memory>
#include "livekit/livekit_api.h"
#include "livekit/region_state.h"

// Region 0 answers 503 for every call of this client.
livekit::LiveKitAPI MakeClientWithDeadPrimary(const std::string& mock_url) {
  livekit::ClientOptions options;
  options.url = mock_url;                       // region 0
  options.api_key = "devkey";
  options.api_secret = "secret";
  options.headers = {{"X-Lk-Mock", R"({"failRegions":[0]})"}};
  options.failover.force = true;                // failover is for *.livekit.cloud hosts only
  options.failover.region_state = std::make_shared<livekit::RegionState>();  // no state shared between tests
  return livekit::LiveKitAPI(options);
}

// One call only: the callee is busy. This X-Lk-Mock replaces the client's for this call.
livekit::Result<livekit::SIPParticipantInfo> BusyCallee(const livekit::LiveKitAPI& api) {
  livekit::CallOptions busy;
  busy.headers = {{"X-Lk-Mock", R"({"sipStatus":{"code":486,"status":"Busy Here"},"delayMs":0})"}};
  return api.sip().CreateSIPParticipant("ST_trunk", "+15105550100", "room", {}, busy);
}
// snippet-end

int main(int argc, char** argv) {
  const char* url = argc > 1 ? argv[1] : std::getenv("LIVEKIT_URL");
  if (url == nullptr || *url == '\0') {
    std::fprintf(stderr, "usage: example_testing_with_mock <url of region 0 of lk-mock-server>\n");
    return 2;
  }
  const livekit::LiveKitAPI api = MakeClientWithDeadPrimary(url);

  // Region 0 fails; the call fails over to region 1 and succeeds.
  auto rooms = api.room().ListRooms();
  if (!rooms.ok()) {
    std::printf("ListRooms: %s (expected success after failover)\n", rooms.error().ToString().c_str());
    return 1;
  }
  std::printf("ListRooms: ok after failing over from region 0\n");

  // The per-call scenario replaces the client's: the callee is busy.
  auto busy = BusyCallee(api);
  if (busy.ok()) {
    std::printf("CreateSIPParticipant: ok (expected the callee to be busy)\n");
    return 1;
  }
  std::printf("CreateSIPParticipant: %s\n", busy.error().ToString().c_str());
  return busy.error().message().find("486") == std::string::npos ? 1 : 0;
}
