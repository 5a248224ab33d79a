// Concurrency as wide as the server allows, against lk-mock-server over loopback: no per-host
// cap by default (a fast call is answered while 130 slow ones are in flight), a configured
// ClientOptions::max_requests_per_host queues and reports kConnectionLimit without failing
// over, dialing calls have their own lane, and running out of file descriptors fails calls
// clearly without losing any. Assertions use the order of completions and the mock's
// /_test/stats counters, never timings.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <dirent.h>
#include <future>
#include <mutex>
#include <thread>

#include "livekit/failover_events.h"
#include "livekit/livekit_api.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"
#include "livekit/sip_client.h"
#include "transport/curl_engine.h"
#include "support/countdown.h"
#include "support/mock_credentials.h"
#include "support/mock_stats.h"

namespace livekit::test {
namespace {

using std::chrono::milliseconds;

int ApiCalls(const MockServerProcess& mock, int region = 0) {
  return ReadMockStats(mock).at(static_cast<std::size_t>(region)).api_calls;
}

// Polls the mock until it has seen `n` API calls (false after a bound).
bool WaitForApiCalls(const MockServerProcess& mock, int n) {
  for (int i = 0; i < 3000; ++i) {
    if (ApiCalls(mock) >= n) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

CallOptions Slow(int delay_ms) {
  CallOptions c;
  c.headers.emplace_back("X-Lk-Mock", "{\"delayMs\":" + std::to_string(delay_ms) + "}");
  return c;
}

CreateSIPParticipantRequest Dial() {
  CreateSIPParticipantRequest req;
  req.set_sip_trunk_id("ST_test");
  req.set_sip_call_to("+15550100");
  req.set_room_name("calls");
  req.set_wait_until_answered(true);
  return req;
}

// 130 calls held by the server, then one more: it is answered while all 130 are still in
// flight (the old cap of 128 connections per host queued it behind them).
TEST(HostLimit, FastCallIsAnsweredWhileOneHundredThirtySlowCallsAreInFlight) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock);
  o.timeout = milliseconds(120000);
  auto rooms = std::make_unique<RoomServiceClient>(o);
  constexpr int kSlow = 130;
  Countdown slow_done(kSlow);
  std::atomic<int> slow_finished{0};
  for (int i = 0; i < kSlow; ++i) {
    rooms->ListRoomsAsync(ListRoomsRequest(), [&](Result<ListRoomsResponse>) {
      ++slow_finished;
      slow_done.Done();
    }, Slow(100000));
  }
  ASSERT_TRUE(WaitForApiCalls(mock, kSlow));  // the server holds all 130
  CallOptions fast;
  fast.timeout = milliseconds(60000);
  auto r = rooms->ListRooms(ListRoomsRequest(), fast);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(slow_finished.load(), 0);  // answered before any slow call
  rooms.reset();                       // cancels the slow calls
  EXPECT_TRUE(slow_done.WaitFor(std::chrono::seconds(120)));
}

// A limit of 1: the second call waits for the first, and when its attempt time passes first it
// fails with kConnectionLimit, saying so, without failing over (failover forced on, four
// regions: no other region sees a call, no discovery is made).
TEST(HostLimit, CallOverTheLimitFailsWithConnectionLimitAndDoesNotFailOver) {
  MockServerProcess mock(4);
  ClientOptions o = MockOptions(mock);
  o.max_requests_per_host = 1;
  o.timeout = milliseconds(20000);
  o.failover.force = true;
  o.failover.region_state = std::make_shared<RegionState>();
  o.failover.logger = MakeNullLogger();
  RoomServiceClient rooms(o);
  auto first = rooms.ListRoomsAsync(ListRoomsRequest(), Slow(8000));
  ASSERT_TRUE(WaitForApiCalls(mock, 1));
  CallOptions second;
  second.timeout = milliseconds(5000);  // long enough for failover to apply to a timeout
  auto r = rooms.ListRooms(ListRoomsRequest(), second);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kConnectionLimit) << r.error().ToString();
  const std::string host = "127.0.0.1:" + std::to_string(mock.port(0));
  EXPECT_NE(r.error().message().find("no connection to " + host + " was free within 5000 ms"), std::string::npos)
      << r.error().message();
  EXPECT_NE(r.error().message().find("limit 1 requests per host; 1 waiting"), std::string::npos)
      << r.error().message();
  ASSERT_EQ(r.error().attempts().size(), 1u);
  EXPECT_EQ(r.error().attempts()[0].outcome, ErrorCode::kConnectionLimit);
  EXPECT_EQ(r.error().attempts()[0].host, host);
  EXPECT_TRUE(first.get().ok());  // the one holding the place was not disturbed
  const auto stats = ReadMockStats(mock);
  ASSERT_EQ(stats.size(), 4u);
  EXPECT_EQ(stats[0].api_calls, 1);  // the second call never reached it
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(stats[i].discoveries, 0) << "region " << i;
    if (i > 0) {
      EXPECT_EQ(stats[i].api_calls, 0) << "region " << i;
    }
  }
}

// Under a limit, calls queue first in, first out and every one is answered; the server never
// holds more than the limit at once.
TEST(HostLimit, QueuedCallsAllCompleteInOrder) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock);
  o.max_requests_per_host = 2;
  o.timeout = milliseconds(60000);
  RoomServiceClient rooms(o);
  constexpr int kCalls = 6;
  Countdown done(kCalls);
  std::mutex mu;
  std::vector<int> order;
  for (int i = 0; i < kCalls; ++i) {
    rooms.ListRoomsAsync(ListRoomsRequest(), [&, i](Result<ListRoomsResponse> r) {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(r.ok() ? i : -1);
      done.Done();
    }, Slow(1000));
  }
  ASSERT_TRUE(done.WaitFor(std::chrono::seconds(120)));
  ASSERT_EQ(order.size(), static_cast<std::size_t>(kCalls));
  // Pairs start together (each call takes a place freed a whole server delay earlier): no call
  // of a later pair is answered before one of an earlier pair.
  for (std::size_t k = 0; k < order.size(); ++k) {
    ASSERT_GE(order[k], 0) << "call failed";
    EXPECT_EQ(order[k] / 2, static_cast<int>(k) / 2) << "call " << order[k] << " finished at " << k;
  }
}

// Dialing calls (waiting until answered) fill their own lane: a short call of the same client
// under the same limit is answered while they all still ring.
TEST(HostLimit, DialingCallsDoNotStarveShortCalls) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock);
  o.max_requests_per_host = 2;
  o.timeout = milliseconds(30000);
  auto api = std::make_unique<LiveKitAPI>(o);  // one client: its sip() and room() share the limit
  constexpr int kDials = 4;  // two ring, two wait for a place in the dialing lane
  Countdown dials_done(kDials);
  std::atomic<int> dials_finished{0};
  for (int i = 0; i < kDials; ++i) {
    api->sip().CreateSIPParticipantAsync(Dial(), [&](Result<SIPParticipantInfo>) {
      ++dials_finished;
      dials_done.Done();
    }, Slow(100000));
  }
  ASSERT_TRUE(WaitForApiCalls(mock, 2));
  CallOptions fast;
  fast.timeout = milliseconds(20000);
  auto r = api->room().ListRooms(ListRoomsRequest(), fast);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(dials_finished.load(), 0);
  EXPECT_EQ(ApiCalls(mock), 3);  // two dialing calls and the short one: the limit held
  api.reset();
  EXPECT_TRUE(dials_done.WaitFor(std::chrono::seconds(120)));
}

// The engine's own limit (CurlEngineOptions::max_requests_per_host) holds across clients: an
// exchange of a second client waits for the first client's, and says it was the engine's limit.
TEST(HostLimit, EngineLimitQueuesTheExchangesOfEveryClient) {
  MockServerProcess mock;
  internal::CurlEngineOptions options;
  options.max_requests_per_host = 1;
  internal::CurlEngine engine(options);
  auto request = [&](std::uint64_t client, int delay_ms, milliseconds timeout) {
    internal::HttpRequest r;
    r.url = mock.url() + "/twirp/livekit.RoomService/ListRooms";
    r.headers = {{"Content-Type", "application/json"},
                 {"X-Lk-Mock", "{\"delayMs\":" + std::to_string(delay_ms) + ",\"skipAuth\":true}"}};
    r.body = "{}";
    r.timeout = timeout;
    r.host_limit.client = client;
    return r;
  };
  std::promise<internal::ExchangeResult> first;
  std::promise<internal::ExchangeResult> second;
  engine.Send(request(1, 3000, milliseconds(20000)), [&](internal::ExchangeResult r) { first.set_value(std::move(r)); });
  engine.Send(request(2, 0, milliseconds(1000)), [&](internal::ExchangeResult r) { second.set_value(std::move(r)); });
  auto limited = second.get_future().get();
  ASSERT_FALSE(limited.response.has_value());
  EXPECT_EQ(limited.error.code(), ErrorCode::kConnectionLimit);
  EXPECT_NE(limited.error.message().find("(limit 1 requests per host for the engine; 1 waiting)"), std::string::npos)
      << limited.error.message();
  EXPECT_FALSE(limited.may_have_reached_server);
  auto answered = first.get_future().get();
  ASSERT_TRUE(answered.response.has_value()) << answered.error.message();
  EXPECT_EQ(answered.response->status, 200);
  EXPECT_EQ(ApiCalls(mock), 1);  // the second exchange never reached the server
}

int OpenFileCount() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (readdir(d) != nullptr) ++n;
    closedir(d);
  }
  return n;
}

// Lowers the soft open-file limit for the test's duration.
class ScopedFileLimit {
 public:
  explicit ScopedFileLimit(rlim_t soft) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = soft;
    ok_ = setrlimit(RLIMIT_NOFILE, &lowered) == 0;
  }
  ~ScopedFileLimit() { setrlimit(RLIMIT_NOFILE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

// With only a few file descriptors left, 40 calls at once: those that got a connection are
// answered, the others fail with kConnectionLimit naming the limit; every call completes.
TEST(HostLimit, OutOfFileDescriptorsFailsClearlyAndLosesNoCall) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock);
  o.timeout = milliseconds(30000);
  o.dedicated_engine = true;  // no idle connection of another test takes a descriptor
  RoomServiceClient rooms(o);
  ASSERT_TRUE(rooms.ListRooms(ListRoomsRequest()).ok());  // the engine runs (and raised its limit)
  constexpr int kCalls = 40;
  Countdown done(kCalls);
  std::atomic<int> ok{0};
  std::atomic<int> limited{0};
  std::atomic<int> other{0};
  std::mutex mu;
  std::string message;
  {
    ScopedFileLimit limit(static_cast<rlim_t>(OpenFileCount() + 8));
    ASSERT_TRUE(limit.ok());
    for (int i = 0; i < kCalls; ++i) {
      rooms.ListRoomsAsync(ListRoomsRequest(), [&](Result<ListRoomsResponse> r) {
        if (r.ok()) {
          ++ok;
        } else if (r.error().code() == ErrorCode::kConnectionLimit) {
          ++limited;
          std::lock_guard<std::mutex> lock(mu);
          message = r.error().message();
        } else {
          ++other;
          std::lock_guard<std::mutex> lock(mu);
          ADD_FAILURE() << r.error().ToString();
        }
        done.Done();
      }, Slow(1000));
    }
    ASSERT_TRUE(done.WaitFor(std::chrono::seconds(120)));
  }
  EXPECT_EQ(ok + limited + other, kCalls);
  EXPECT_GT(ok.load(), 0);
  EXPECT_GT(limited.load(), 0);
  EXPECT_EQ(other.load(), 0);
  EXPECT_NE(message.find("out of file descriptors (open-file limit"), std::string::npos) << message;
  EXPECT_TRUE(rooms.ListRooms(ListRoomsRequest()).ok());  // and the client works again
}

}  // namespace
}  // namespace livekit::test
