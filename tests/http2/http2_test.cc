// HTTP/2 against a real server: the public client over HTTPS to nghttpx (TLS + HTTP/2, ALPN
// h2) in front of lk-mock-server's regions, the way production calls reach LiveKit Cloud.
// Assertions use the server's view, never timings: nghttpx's access log (one client port =
// one connection, the protocol, the status and each call's X-Livekit-Request-Id) and the
// mock's /_test/stats counters, plus each call's result and attempts.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http2/http2_regions.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"
#include "support/mock_stats.h"
#include "support/test_certificates.h"

namespace livekit::test {
namespace {

using Ms = std::chrono::milliseconds;

constexpr char kSecret[] = "http2-test-secret-8d41f0";
constexpr int kInFlight = 64;
// A bound for things that must happen, far above their normal time: passing it is a hang.
constexpr auto kBound = std::chrono::seconds(60);

TestCertificates* g_certs = nullptr;

class CertificatesEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { g_certs = new TestCertificates(); }
  void TearDown() override {
    delete g_certs;
    g_certs = nullptr;
  }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new CertificatesEnvironment);

// Read from the mock directly (plain HTTP on its own port, not through nghttpx).
std::vector<MockRegionStats> Stats(Http2Regions& regions) { return ReadMockStats(regions.mock()); }

// Waits until the mock has received `count` API calls in all; the number it has after the
// bound when fewer.
int WaitForApiCalls(Http2Regions& regions, int count) {
  const auto until = std::chrono::steady_clock::now() + kBound;
  int n = 0;
  while (std::chrono::steady_clock::now() < until) {
    n = 0;
    for (const auto& r : Stats(regions)) n += r.api_calls;
    if (n >= count) break;
    std::this_thread::sleep_for(Ms(10));
  }
  return n;
}

// Every finished attempt, by request id: a successful call has no error to carry them.
class AttemptRecorder : public FailoverListener {
 public:
  void OnAttemptFinished(const AttemptFinishedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    attempts_[e.request_id].push_back(e.attempt);
  }
  std::vector<Attempt> Of(const std::string& request_id) {
    std::lock_guard<std::mutex> lock(mu_);
    return attempts_[request_id];
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<Attempt>> attempts_;
};

// The log lines of the calls whose request id starts with `prefix`.
std::vector<AccessLine> LinesOf(const std::vector<AccessLine>& log, const std::string& prefix) {
  std::vector<AccessLine> out;
  for (const auto& l : log) {
    if (l.request_id.rfind(prefix, 0) == 0) out.push_back(l);
  }
  return out;
}

std::set<int> PortsOf(const std::vector<AccessLine>& lines) {
  std::set<int> ports;
  for (const auto& l : lines) ports.insert(l.remote_port);
  return ports;
}

CallOptions WithRequestId(const std::string& id, const std::string& control = {}) {
  CallOptions c;
  c.request_id = id;
  if (!control.empty()) c.headers.emplace_back("X-Lk-Mock", control);
  return c;
}

class Http2 : public ::testing::Test {
 protected:
  /// A client of its own engine (so of its own connections), trusting the test CA.
  ClientOptions Options(const std::string& url) {
    ClientOptions o;
    o.url = url;
    o.api_key = "devkey";
    o.api_secret = kSecret;
    o.timeout = Ms(10000);
    o.tls.ca_bundle_path = g_certs->ca_cert();
    o.dedicated_engine = true;
    o.failover.region_state = state;
    o.failover.logger = MakeNullLogger();
    return o;
  }

  /// The same, failing over between the regions although they are on 127.0.0.1.
  ClientOptions FailoverOptions(const std::string& url) {
    ClientOptions o = Options(url);
    o.failover.force = true;
    o.failover.listener = recorder;
    return o;
  }

  std::vector<std::string> MockArgs() { return {"--api-secret", kSecret}; }

  /// Fills the client's region list (the discovery of one failed-over call), with a health
  /// memory that lets the next call start on region 0 again at once (cool-down 1 ms), as a
  /// long-running client would.
  void PrimeRegionList(Http2Regions& regions) {
    RegionState::Options quick;
    quick.cool_down = Ms(1);
    quick.max_cool_down = Ms(1);
    state = std::make_shared<RegionState>(quick);
    RoomServiceClient client(FailoverOptions(regions.url(0)));
    auto r = client.ListRooms(ListRoomsRequest(), WithRequestId("prime", R"({"failRegions":[0]})"));
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(Stats(regions)[1].successes, 1);
    std::this_thread::sleep_for(Ms(5));  // the 1 ms cool-down of region 0 is over
  }

  /// The attempts of a call that failed on region 0 with `first` and then succeeded on region 1.
  static void ExpectFailedOverToRegion1(Http2Regions& regions, const std::vector<Attempt>& attempts,
                                        ErrorCode first) {
    ASSERT_EQ(attempts.size(), 2u);
    EXPECT_EQ(regions.RegionOf(attempts[0].host), 0);
    EXPECT_EQ(attempts[0].outcome, first) << attempts[0].detail;
    EXPECT_EQ(regions.RegionOf(attempts[1].host), 1);
    EXPECT_EQ(attempts[1].outcome, ErrorCode::kOk);
  }

  std::shared_ptr<RegionState> state = std::make_shared<RegionState>();
  std::shared_ptr<AttemptRecorder> recorder = std::make_shared<AttemptRecorder>();
};

TEST_F(Http2, ControlHeaderTravelsThroughNghttpxUnchanged) {
  Http2Regions regions(1, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  RoomServiceClient client(Options(regions.url(0)));
  auto r = client.ListRooms(ListRoomsRequest(),
                            WithRequestId("control-1", R"({"response":{"rooms":[{"name":"through-nghttpx"}]}})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->rooms_size(), 1);
  EXPECT_EQ(r->rooms(0).name(), "through-nghttpx");  // the mock read the header it was sent
  ASSERT_TRUE(regions.frontend(0).WaitForLine("control-1"));
  const auto log = regions.frontend(0).AccessLog();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].alpn, "h2");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].request_id, "control-1");
  EXPECT_EQ(log[0].request, "POST /twirp/livekit.RoomService/ListRooms HTTP/2");
}

// The regression test of a stall seen on multiplexed connections: one of 64 concurrent calls
// got no answer until its timeout, in about one run of three. Twelve rounds, each with a
// fresh client (so a fresh connection), and every call of every round checked.
TEST_F(Http2, SixtyFourConcurrentCallsShareOneConnectionAndAllComplete) {
  constexpr int kRounds = 12;
  Http2Regions regions(1, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  std::vector<std::string> failed_rounds;
  std::size_t logged = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string prefix = "round-" + std::to_string(round) + "-call-";
    RoomServiceClient client(Options(regions.url(0)));
    std::vector<std::future<Result<ListRoomsResponse>>> calls;
    for (int i = 0; i < kInFlight; ++i) {
      calls.push_back(client.ListRoomsAsync(ListRoomsRequest(), WithRequestId(prefix + std::to_string(i))));
    }
    std::string failures;
    std::size_t succeeded = 0;
    for (int i = 0; i < kInFlight; ++i) {
      auto& call = calls[static_cast<std::size_t>(i)];
      ASSERT_EQ(call.wait_for(kBound), std::future_status::ready) << "call " << i << " outlived its deadline";
      auto r = call.get();
      if (r.ok()) {
        ++succeeded;
      } else {
        failures += "\n  call " + std::to_string(i) + ": " + r.error().ToString();
      }
    }
    if (!failures.empty()) failed_rounds.push_back("round " + std::to_string(round) + ":" + failures);

    // The server's view: every call of this round on one connection, over HTTP/2, answered.
    // (nghttpx writes a line once it has sent the answer: wait for those of the successes.)
    regions.frontend(0).WaitForLines(logged + succeeded);
    const auto lines = LinesOf(regions.frontend(0).AccessLog(), prefix);
    std::set<std::string> ids;
    for (const auto& l : lines) {
      ids.insert(l.request_id);
      EXPECT_EQ(l.alpn, "h2") << l.request_id;
      EXPECT_EQ(l.status, 200) << l.request_id;
    }
    EXPECT_EQ(lines.size(), static_cast<std::size_t>(kInFlight)) << "round " << round;
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kInFlight)) << "round " << round;
    EXPECT_EQ(PortsOf(lines).size(), 1u) << "round " << round << ": more than one connection";
    logged = regions.frontend(0).AccessLog().size();
  }
  std::string report;
  for (const auto& f : failed_rounds) report += "\n" + f;
  EXPECT_TRUE(failed_rounds.empty()) << failed_rounds.size() << " of " << kRounds << " rounds had failed calls:"
                                     << report;
}

// A server that allows 10 concurrent streams per connection, and 64 calls held for a moment.
// No call is lost or hangs; a call fails only when the server refused its stream unprocessed
// (libcurl sent it before the server's SETTINGS arrived, and the engine refuses libcurl's
// resend: one attempt, one request), then as retryable kTransport and absent from the
// server's log. Streams the server accepts beyond 10 go to further connections.
TEST_F(Http2, StreamsBeyondTheServersConcurrentStreamLimitAreNeverLost) {
  Http2Regions regions(1, g_certs->server_cert(), g_certs->server_key(), MockArgs(),
                       {{"--frontend-http2-max-concurrent-streams=10"}});
  RoomServiceClient client(Options(regions.url(0)));
  std::vector<std::future<Result<ListRoomsResponse>>> calls;
  for (int i = 0; i < kInFlight; ++i) {
    calls.push_back(client.ListRoomsAsync(
        ListRoomsRequest(), WithRequestId("streams-" + std::to_string(i), R"({"delayMs":500})")));
  }
  std::set<std::string> succeeded;
  std::set<std::string> refused;
  for (int i = 0; i < kInFlight; ++i) {
    auto& call = calls[static_cast<std::size_t>(i)];
    ASSERT_EQ(call.wait_for(kBound), std::future_status::ready) << "call " << i << " outlived its deadline";
    auto r = call.get();
    const std::string id = "streams-" + std::to_string(i);
    if (r.ok()) {
      succeeded.insert(id);
      continue;
    }
    EXPECT_EQ(r.error().code(), ErrorCode::kTransport) << r.error().ToString();
    EXPECT_NE(r.error().message().find("the request is not resent"), std::string::npos) << r.error().ToString();
    refused.insert(id);
  }
  EXPECT_EQ(succeeded.size() + refused.size(), static_cast<std::size_t>(kInFlight));
  EXPECT_GE(succeeded.size(), 10u);
  ASSERT_TRUE(regions.frontend(0).WaitForLines(succeeded.size()));
  const auto lines = LinesOf(regions.frontend(0).AccessLog(), "streams-");
  for (const auto& l : lines) {
    EXPECT_EQ(l.alpn, "h2") << l.request_id;
    EXPECT_EQ(l.status, 200) << l.request_id;
    EXPECT_EQ(refused.count(l.request_id), 0u) << l.request_id << " failed but the server answered it";
  }
  EXPECT_EQ(lines.size(), succeeded.size());
  if (succeeded.size() > 10) {
    EXPECT_GE(PortsOf(lines).size(), 2u) << "more than 10 streams on one connection";
  }
}

TEST_F(Http2, CancellingOneCallResetsOnlyItsStream) {
  Http2Regions regions(1, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  RoomServiceClient client(Options(regions.url(0)));
  // 63 calls answered after a while, one that would wait a day: all in flight together.
  std::vector<std::future<Result<ListRoomsResponse>>> kept;
  for (int i = 0; i < kInFlight - 1; ++i) {
    kept.push_back(client.ListRoomsAsync(ListRoomsRequest(), WithRequestId("keep-" + std::to_string(i),
                                                                           R"({"delayMs":2000})")));
  }
  auto cancelled_result = std::make_shared<std::promise<Result<ListRoomsResponse>>>();
  auto cancelled = cancelled_result->get_future();
  CallHandle handle = client.ListRoomsAsync(
      ListRoomsRequest(), [cancelled_result](Result<ListRoomsResponse> r) { cancelled_result->set_value(std::move(r)); },
      WithRequestId("cancel-me", R"({"delayMs":86400000})"));
  ASSERT_EQ(WaitForApiCalls(regions, kInFlight), kInFlight) << "not every request reached the server";
  handle.Cancel();

  ASSERT_EQ(cancelled.wait_for(kBound), std::future_status::ready);
  auto c = cancelled.get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kCancelled) << c.error().ToString();
  for (std::size_t i = 0; i < kept.size(); ++i) {
    ASSERT_EQ(kept[i].wait_for(kBound), std::future_status::ready);
    auto r = kept[i].get();
    EXPECT_TRUE(r.ok()) << "call " << i << ": " << r.error().ToString();
  }
  // The connection outlived the reset: a later call still goes over it.
  auto after = client.ListRooms(ListRoomsRequest(), WithRequestId("after-cancel"));
  ASSERT_TRUE(after.ok()) << after.error().ToString();

  ASSERT_TRUE(regions.frontend(0).WaitForLines(kInFlight));
  ASSERT_TRUE(regions.frontend(0).WaitForLine("after-cancel"));
  const auto log = regions.frontend(0).AccessLog();
  const auto keep = LinesOf(log, "keep-");
  const auto later = LinesOf(log, "after-cancel");
  EXPECT_EQ(keep.size(), static_cast<std::size_t>(kInFlight - 1));
  for (const auto& l : keep) EXPECT_EQ(l.status, 200) << l.request_id;
  for (const auto& l : LinesOf(log, "cancel-me")) EXPECT_NE(l.status, 200) << "the cancelled call was answered";
  ASSERT_EQ(later.size(), 1u);
  std::vector<AccessLine> all = keep;
  all.push_back(later[0]);
  EXPECT_EQ(PortsOf(all).size(), 1u) << "the cancel cost the connection";
  // No call was sent twice (no retry hid a lost connection): 64 + the later one.
  EXPECT_EQ(Stats(regions)[0].api_calls, kInFlight + 1);
}

TEST_F(Http2, FailoverBetweenHttp2Regions) {
  Http2Regions regions(2, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  RoomServiceClient client(FailoverOptions(regions.url(0)));
  auto r = client.ListRooms(ListRoomsRequest(), WithRequestId("failover-1", R"({"failRegions":[0]})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // The call failed on region 0 and succeeded on region 1, both through nghttpx.
  const auto attempts = recorder->Of("failover-1");
  ASSERT_NO_FATAL_FAILURE(ExpectFailedOverToRegion1(regions, attempts, ErrorCode::kServerFailure));
  EXPECT_EQ(attempts[0].http_status, 503);
  const auto stats = Stats(regions);
  EXPECT_EQ(stats[0].injected, 1);     // the fault header reached region 0 through nghttpx
  EXPECT_EQ(stats[0].discoveries, 1);  // the region list came from the origin, over HTTP/2
  EXPECT_EQ(stats[1].successes, 1);
  ASSERT_TRUE(regions.frontend(0).WaitForLine("failover-1", "/settings/regions"));
  ASSERT_TRUE(regions.frontend(0).WaitForLine("failover-1"));
  ASSERT_TRUE(regions.frontend(1).WaitForLine("failover-1"));
  const auto primary = regions.frontend(0).AccessLog();
  const auto secondary = regions.frontend(1).AccessLog();
  std::map<std::string, int> primary_status;
  for (const auto& l : primary) {
    EXPECT_EQ(l.alpn, "h2") << l.request;
    primary_status[l.request.substr(0, l.request.find(' ', 5))] = l.status;
  }
  EXPECT_EQ(primary_status["POST /twirp/livekit.RoomService/ListRooms"], 503);
  EXPECT_EQ(primary_status["GET /settings/regions"], 200);
  ASSERT_EQ(secondary.size(), 1u);
  EXPECT_EQ(secondary[0].alpn, "h2");
  EXPECT_EQ(secondary[0].status, 200);
  EXPECT_EQ(secondary[0].request_id, "failover-1");  // the same call, the same request id
  EXPECT_EQ(state->counters().failovers, 1u);
}

TEST_F(Http2, ConnectionDroppedMidCallFailsOver) {
  Http2Regions regions(2, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  PrimeRegionList(regions);

  RoomServiceClient client(FailoverOptions(regions.url(0)));
  // Region 0 holds the request; its nghttpx then stops at once, closing the connection.
  auto call = client.ListRoomsAsync(ListRoomsRequest(), WithRequestId("dropped", R"({"failRegions":[0],"failMode":"hang"})"));
  ASSERT_EQ(WaitForApiCalls(regions, 3), 3) << "the call did not reach region 0";  // prime: 2, this one: 1
  regions.frontend(0).StopNow();
  ASSERT_EQ(call.wait_for(kBound), std::future_status::ready);
  auto r = call.get();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const auto attempts = recorder->Of("dropped");
  ASSERT_NO_FATAL_FAILURE(ExpectFailedOverToRegion1(regions, attempts, ErrorCode::kTransport));
  EXPECT_EQ(attempts[0].http_status, 0);
  ASSERT_TRUE(regions.frontend(1).WaitForLine("dropped"));
  // Region 1 served the call (and, its origin gone, the region list: discovery from another
  // known region), over HTTP/2.
  std::map<std::string, int> served;
  for (const auto& l : LinesOf(regions.frontend(1).AccessLog(), "dropped")) {
    EXPECT_EQ(l.alpn, "h2") << l.request;
    served[l.request] = l.status;
  }
  EXPECT_EQ(served["POST /twirp/livekit.RoomService/ListRooms HTTP/2"], 200);
  const auto c = state->counters();
  EXPECT_EQ(c.failovers, 2u);  // the priming call's and this one's
}

// A graceful stop of region 0's nghttpx (GOAWAY, listener closed) while a call is in flight:
// that call is still answered on its connection; the next call cannot connect and fails
// over to region 1 like after any transport error.
TEST_F(Http2, GracefulStopAnswersTheCallInFlightAndTheNextCallFailsOver) {
  Http2Regions regions(2, g_certs->server_cert(), g_certs->server_key(), MockArgs());
  PrimeRegionList(regions);

  RoomServiceClient client(FailoverOptions(regions.url(0)));
  auto first = client.ListRoomsAsync(ListRoomsRequest(), WithRequestId("in-flight", R"({"delayMs":1000})"));
  ASSERT_EQ(WaitForApiCalls(regions, 3), 3) << "the call did not reach region 0";  // prime: 2, this one: 1
  regions.frontend(0).StopGracefully();
  ASSERT_EQ(first.wait_for(kBound), std::future_status::ready);
  auto r1 = first.get();
  ASSERT_TRUE(r1.ok()) << r1.error().ToString();
  const auto first_attempts = recorder->Of("in-flight");
  ASSERT_EQ(first_attempts.size(), 1u);
  EXPECT_EQ(regions.RegionOf(first_attempts[0].host), 0);
  ASSERT_TRUE(regions.frontend(0).WaitForLine("in-flight"));
  const auto answered = LinesOf(regions.frontend(0).AccessLog(), "in-flight");
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(answered[0].alpn, "h2");
  EXPECT_EQ(answered[0].status, 200);
  ASSERT_TRUE(regions.frontend(0).WaitForExit()) << "nghttpx did not finish its graceful stop";

  auto r2 = client.ListRooms(ListRoomsRequest(), WithRequestId("after-goaway"));
  ASSERT_TRUE(r2.ok()) << r2.error().ToString();
  ASSERT_NO_FATAL_FAILURE(
      ExpectFailedOverToRegion1(regions, recorder->Of("after-goaway"), ErrorCode::kTransport));
  ASSERT_TRUE(regions.frontend(1).WaitForLine("after-goaway"));
  bool served = false;
  for (const auto& l : LinesOf(regions.frontend(1).AccessLog(), "after-goaway")) {
    served = served || (l.request.find("ListRooms") != std::string::npos && l.status == 200 && l.alpn == "h2");
  }
  EXPECT_TRUE(served) << "region 1's nghttpx did not answer the call";
}

// nghttpx sends GOAWAY once a connection has carried a few streams (--frontend-max-requests)
// and closes it when they are answered. Waves of concurrent calls keep meeting connections
// that are going away: every call must still succeed and be answered exactly once; a stream
// the GOAWAY cut off ends like any transport error (failover), never as a lost call.
TEST_F(Http2, GoawayLosesNoCall) {
  constexpr int kWaves = 4;
  constexpr int kPerWave = 16;
  Http2Regions regions(2, g_certs->server_cert(), g_certs->server_key(), MockArgs(),
                       {{"--frontend-max-requests=8"}});
  RoomServiceClient client(FailoverOptions(regions.url(0)));
  for (int wave = 0; wave < kWaves; ++wave) {
    std::vector<std::future<Result<ListRoomsResponse>>> calls;
    for (int i = 0; i < kPerWave; ++i) {
      const int id = wave * kPerWave + i;
      calls.push_back(client.ListRoomsAsync(ListRoomsRequest(), WithRequestId("goaway-" + std::to_string(id))));
    }
    for (int i = 0; i < kPerWave; ++i) {
      auto& call = calls[static_cast<std::size_t>(i)];
      ASSERT_EQ(call.wait_for(kBound), std::future_status::ready) << "call " << i << " outlived its deadline";
      auto r = call.get();
      EXPECT_TRUE(r.ok()) << "wave " << wave << " call " << i << ": " << r.error().ToString();
    }
  }
  constexpr int kCalls = kWaves * kPerWave;
  // The log line of each call, on the region its successful attempt went to.
  for (int i = 0; i < kCalls; ++i) {
    const std::string id = "goaway-" + std::to_string(i);
    const auto attempts = recorder->Of(id);
    ASSERT_FALSE(attempts.empty()) << id;
    const int region = regions.RegionOf(attempts.back().host);
    ASSERT_GE(region, 0) << attempts.back().host;
    EXPECT_TRUE(regions.frontend(region).WaitForLine(id)) << id;
  }
  std::map<std::string, int> answers;  // request id -> 200 answers to its ListRooms, both regions
  std::set<int> primary_ports;
  for (int region = 0; region < 2; ++region) {
    for (const auto& l : LinesOf(regions.frontend(region).AccessLog(), "goaway-")) {
      if (l.request.find("ListRooms") == std::string::npos) continue;
      if (region == 0) primary_ports.insert(l.remote_port);
      if (l.status == 200) ++answers[l.request_id];
    }
  }
  EXPECT_EQ(answers.size(), static_cast<std::size_t>(kCalls));
  for (const auto& [id, n] : answers) EXPECT_EQ(n, 1) << id << " answered " << n << " times";
  EXPECT_GT(primary_ports.size(), 1u) << "nghttpx never closed a connection: the GOAWAY did not happen";
  std::size_t failed_over = 0;
  for (int i = 0; i < kCalls; ++i) {
    const auto attempts = recorder->Of("goaway-" + std::to_string(i));
    ASSERT_FALSE(attempts.empty());
    EXPECT_EQ(attempts.back().outcome, ErrorCode::kOk);
    for (std::size_t a = 0; a + 1 < attempts.size(); ++a) {
      EXPECT_EQ(attempts[a].outcome, ErrorCode::kTransport) << attempts[a].detail;
    }
    failed_over += attempts.size() > 1 ? 1 : 0;
  }
  std::printf("GOAWAY: %zu connections to region 0, %zu of %d calls failed over\n", primary_ports.size(),
              failed_over, kCalls);
}

}  // namespace
}  // namespace livekit::test
