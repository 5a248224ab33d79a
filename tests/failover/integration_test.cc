// Failover end to end: the public clients over the real libcurl engine against lk-mock-server
// on loopback, steered by the X-Lk-Mock header. Assertions use where calls landed (attempt
// hosts -> mock region ports) and the mock's /_test/stats counters, never timings.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "integration_fixture.h"
#include "livekit/room_service_client.h"

namespace livekit::test {
namespace {

using Ms = std::chrono::milliseconds;

class SafeListener : public FailoverListener {
 public:
  void OnDiscoveryFinished(const DiscoveryFinishedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu);
    discoveries.push_back(e);
  }
  void OnRegionRejected(const RegionRejectedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu);
    rejected.push_back(e);
  }
  void OnFailoverSkipped(const FailoverSkippedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu);
    skipped.push_back(e);
  }
  std::mutex mu;
  std::vector<DiscoveryFinishedEvent> discoveries;
  std::vector<RegionRejectedEvent> rejected;
  std::vector<FailoverSkippedEvent> skipped;
};

class FailoverIntegration : public MockFailoverTest {
 protected:
  ClientOptions Options(const std::string& control, const std::string& url = "") {
    ClientOptions o = FailoverClientOptions(state, listener);
    if (!url.empty()) o.url = url;
    if (!control.empty()) o.headers.emplace_back("X-Lk-Mock", control);
    return o;
  }

  /// Runs ListRooms with a listener that records the attempts of the call.
  struct Outcome {
    bool ok = false;
    Error error;
    std::vector<int> regions;  // region index of each attempt
  };
  Outcome ListRooms(const ClientOptions& o, const CallOptions& call = {}) {
    RoomServiceClient client(o);
    auto recorder = std::make_shared<AttemptRecorder>();
    CallOptions c = call;
    FailoverOptions f = c.failover.value_or(o.failover);
    auto chained = std::make_shared<Chain>(recorder, o.failover.listener);
    f.listener = chained;
    c.failover = f;
    auto r = client.ListRooms(ListRoomsRequest(), c);
    Outcome out;
    out.ok = r.ok();
    if (!r.ok()) out.error = r.error();
    std::lock_guard<std::mutex> lock(recorder->mu);
    for (auto& a : recorder->attempts) out.regions.push_back(RegionOfHost(a.host));
    return out;
  }

  struct AttemptRecorder : FailoverListener {
    void OnAttemptFinished(const AttemptFinishedEvent& e) override {
      std::lock_guard<std::mutex> lock(mu);
      attempts.push_back(e.attempt);
    }
    std::mutex mu;
    std::vector<Attempt> attempts;
  };
  struct Chain : FailoverListener {
    Chain(std::shared_ptr<AttemptRecorder> a, std::shared_ptr<FailoverListener> b) : a_(std::move(a)), b_(std::move(b)) {}
    void OnAttemptFinished(const AttemptFinishedEvent& e) override { a_->OnAttemptFinished(e); if (b_) b_->OnAttemptFinished(e); }
    void OnDiscoveryFinished(const DiscoveryFinishedEvent& e) override { if (b_) b_->OnDiscoveryFinished(e); }
    void OnRegionRejected(const RegionRejectedEvent& e) override { if (b_) b_->OnRegionRejected(e); }
    void OnFailoverSkipped(const FailoverSkippedEvent& e) override { if (b_) b_->OnFailoverSkipped(e); }
    std::shared_ptr<AttemptRecorder> a_;
    std::shared_ptr<FailoverListener> b_;
  };

  std::shared_ptr<RegionState> state = std::make_shared<RegionState>();
  std::shared_ptr<SafeListener> listener = std::make_shared<SafeListener>();
};

TEST_F(FailoverIntegration, Healthy) {
  auto out = ListRooms(Options(""));
  ASSERT_TRUE(out.ok) << out.error.ToString();
  EXPECT_EQ(out.regions, (std::vector<int>{0}));
  auto s = ReadMockStats(*g_mock);
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(TotalDiscoveries(s), 0);
}

TEST_F(FailoverIntegration, PrimaryDownStatus) {
  auto out = ListRooms(Options(R"({"failRegions":[0]})"));
  ASSERT_TRUE(out.ok) << out.error.ToString();
  EXPECT_EQ(out.regions, (std::vector<int>{0, 1}));
  auto s = ReadMockStats(*g_mock);
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[1].api_calls, 1);
  EXPECT_EQ(s[0].discoveries, 1);
}

TEST_F(FailoverIntegration, PrimaryDownDrop) {
  auto out = ListRooms(Options(R"({"failRegions":[0],"failMode":"drop"})"));
  ASSERT_TRUE(out.ok) << out.error.ToString();
  EXPECT_EQ(out.regions, (std::vector<int>{0, 1}));
}

TEST_F(FailoverIntegration, PrimaryAndSecondaryDown) {
  auto out = ListRooms(Options(R"({"failRegions":[0,1]})"));
  ASSERT_TRUE(out.ok) << out.error.ToString();
  EXPECT_EQ(out.regions, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(ReadMockStats(*g_mock)[2].api_calls, 1);
}

TEST_F(FailoverIntegration, AllDownListsThreeAttempts) {
  auto out = ListRooms(Options(R"({"failRegions":[0,1,2,3]})"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code(), ErrorCode::kServerFailure);
  ASSERT_EQ(out.error.attempts().size(), 3u);
  for (const auto& a : out.error.attempts()) EXPECT_EQ(a.http_status, 503);
  EXPECT_EQ(out.regions, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(ReadMockStats(*g_mock)[3].api_calls, 0);
}

TEST_F(FailoverIntegration, FourXxNotRetried) {
  auto out = ListRooms(Options(R"({"failRegions":[0],"failStatus":400})"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code(), ErrorCode::kServerRejection);
  EXPECT_EQ(out.regions, (std::vector<int>{0}));
  EXPECT_EQ(TotalDiscoveries(ReadMockStats(*g_mock)), 0);
}

TEST_F(FailoverIntegration, DiscoveryAnswering500RetriesSameHost) {
  auto out = ListRooms(Options(R"({"failRegions":[0],"regionsStatus":500})"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.regions, (std::vector<int>{0, 0, 0}));
  auto s = ReadMockStats(*g_mock);
  EXPECT_EQ(s[0].api_calls, 3);
  EXPECT_EQ(s[0].discoveries, 1);
  EXPECT_EQ(s[1].api_calls, 0);
}

TEST_F(FailoverIntegration, NonCloudHostWithoutForce) {
  auto o = Options(R"({"failRegions":[0]})");
  o.failover.force = false;
  auto out = ListRooms(o);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.regions, (std::vector<int>{0}));
  EXPECT_EQ(TotalDiscoveries(ReadMockStats(*g_mock)), 0);
}

TEST_F(FailoverIntegration, FailoverDisabled) {
  auto o = Options(R"({"failRegions":[0]})");
  CallOptions call;
  FailoverOptions f = o.failover;
  f.enabled = false;
  call.failover = f;
  auto out = ListRooms(o, call);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.regions, (std::vector<int>{0}));
  EXPECT_EQ(ReadMockStats(*g_mock)[1].api_calls, 0);
}

TEST_F(FailoverIntegration, PinnedToRegionOne) {
  auto o = Options(R"({"pinnedRegions":["region-1"]})");
  o.failover.enabled = false;  // the pin redirect works without failover
  auto out = ListRooms(o);
  ASSERT_TRUE(out.ok) << out.error.ToString();
  EXPECT_EQ(out.regions, (std::vector<int>{0, 1}));
  EXPECT_EQ(ReadMockStats(*g_mock)[0].discoveries, 1);
}

TEST_F(FailoverIntegration, PinnedToUnknownRegionReturns451) {
  auto out = ListRooms(Options(R"({"pinnedRegions":["region-9"]})"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code(), ErrorCode::kRegionPinned);
  EXPECT_EQ(out.error.http_status(), 451);
  EXPECT_EQ(out.regions, (std::vector<int>{0}));
}

// B2: the first call pays the hanging primary's timeout; the next go straight to a healthy
// region; after the cool-down the primary is probed again.
TEST_F(FailoverIntegration, HangingPrimaryIsRememberedThenProbed) {
  RegionState::Options ro;
  ro.cool_down = Ms(3000);  // long enough for five quick calls on a loaded machine
  state = std::make_shared<RegionState>(ro);
  auto o = Options(R"({"failRegions":[0],"failMode":"hang"})");
  o.timeout = Ms(5000);
  auto first = ListRooms(o);
  ASSERT_TRUE(first.ok) << first.error.ToString();
  EXPECT_EQ(first.regions, (std::vector<int>{0, 1}));
  for (int i = 0; i < 5; ++i) {
    auto next = ListRooms(o);
    ASSERT_TRUE(next.ok);
    EXPECT_EQ(next.regions, (std::vector<int>{1}));
  }
  EXPECT_EQ(ReadMockStats(*g_mock)[0].api_calls, 1);
  std::this_thread::sleep_for(ro.cool_down + Ms(100));  // wait out the cool-down (not a timing assertion)
  auto probe = ListRooms(Options(""));                  // the primary has recovered
  ASSERT_TRUE(probe.ok);
  EXPECT_EQ(probe.regions, (std::vector<int>{0}));
}

// A7: a burst of failing calls makes exactly one discovery request.
TEST_F(FailoverIntegration, BurstOf200MakesOneDiscovery) {
  RoomServiceClient client(Options(R"({"failRegions":[0]})"));
  std::vector<std::future<Result<ListRoomsResponse>>> futures;
  for (int i = 0; i < 200; ++i) futures.push_back(client.ListRoomsAsync(ListRoomsRequest()));
  int ok = 0;
  for (auto& f : futures) ok += f.get().ok() ? 1 : 0;
  EXPECT_EQ(ok, 200);
  auto s = ReadMockStats(*g_mock);
  EXPECT_EQ(TotalDiscoveries(s), 1);
  EXPECT_EQ(s[1].api_calls, 200);  // every call ended on region 1
}

// B5: when every region fails, the budget stops failover after a few calls.
TEST_F(FailoverIntegration, BudgetExhaustedWhenEveryRegionFails) {
  auto o = Options(R"({"failRegions":[0,1,2,3]})");
  std::vector<std::size_t> attempts;
  for (int i = 0; i < 8; ++i) attempts.push_back(ListRooms(o).error.attempts().size());
  EXPECT_EQ(attempts, (std::vector<std::size_t>{3, 3, 3, 3, 3, 1, 1, 1}));
  auto s = ReadMockStats(*g_mock);
  int total = 0;
  for (auto& r : s) total += r.api_calls;
  EXPECT_EQ(total, 18);
  EXPECT_EQ(state->counters().budget_denials, 3u);
}

// B7: a region list pointing to another host is refused; the token stays on the origin.
TEST_F(FailoverIntegration, TrustBoundaryRefusesOtherHosts) {
  MockServerProcess other(2, {"--advertise-host", "http://localhost"});
  ResetMockStats(other);
  auto out = ListRooms(Options(R"({"failRegions":[0]})", other.url(0)));
  ASSERT_FALSE(out.ok);
  auto s = ReadMockStats(other);
  EXPECT_EQ(s[1].api_calls, 0);  // never sent to a listed host outside 127.0.0.1
  EXPECT_EQ(s[0].api_calls, 3);  // same-host retries on the origin instead
  std::lock_guard<std::mutex> lock(listener->mu);
  EXPECT_EQ(listener->rejected.size(), 2u);
}

// B1: the overall deadline ends a call whose attempt would have lasted longer.
TEST_F(FailoverIntegration, DeadlineEndsTheCall) {
  auto o = Options(R"({"failRegions":[0,1,2,3],"failMode":"hang"})");
  o.failover.deadline = Ms(1500);
  auto out = ListRooms(o);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  // One attempt, cut to the deadline (its own timeout was 10 s), and no time left to fail
  // over (whichever fired first, the attempt's clipped timeout or the call's deadline timer).
  ASSERT_EQ(out.error.attempts().size(), 1u);
  EXPECT_EQ(out.error.attempts()[0].outcome, ErrorCode::kTimeout);
  EXPECT_EQ(TotalDiscoveries(ReadMockStats(*g_mock)), 0);
  auto s = ReadMockStats(*g_mock);
  EXPECT_EQ(s[0].api_calls + s[1].api_calls + s[2].api_calls + s[3].api_calls, 1);
}

// A5: discovery has its own timeout: a host whose /settings/regions never answers costs
// at most 2 s, then the call retries the same host (A14). A tiny blackhole server answers
// every POST with 503 and never answers a GET.
class BlackholeDiscovery {
 public:
  BlackholeDiscovery() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd_, 64);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~BlackholeDiscovery() {
    stop_ = true;
    thread_.join();
    for (int c : clients_) close(c);
    close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int gets() const { return gets_; }
  int posts() const { return posts_; }

 private:
  void Serve() {
    std::map<int, std::string> buffers;
    while (!stop_) {
      std::vector<pollfd> fds{{fd_, POLLIN, 0}};
      for (auto& [c, b] : buffers) fds.push_back({c, POLLIN, 0});
      if (poll(fds.data(), fds.size(), 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        int c = accept(fd_, nullptr, nullptr);
        if (c >= 0) buffers[c];
      }
      for (std::size_t i = 1; i < fds.size(); ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP))) continue;
        int c = fds[i].fd;
        char buf[4096];
        ssize_t n = read(c, buf, sizeof buf);
        if (n <= 0) {
          buffers.erase(c);
          close(c);
          continue;
        }
        std::string& b = buffers[c];
        b.append(buf, static_cast<std::size_t>(n));
        auto end = b.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        if (b.rfind("GET", 0) == 0) {
          ++gets_;
          clients_.push_back(c);  // never answered
          buffers.erase(c);
          continue;
        }
        auto cl = b.find("Content-Length: ");
        std::size_t body = cl == std::string::npos ? 0 : std::stoul(b.substr(cl + 16));
        if (b.size() < end + 4 + body) continue;
        ++posts_;
        const char kAnswer[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
        (void)!write(c, kAnswer, sizeof kAnswer - 1);
        buffers.erase(c);
        close(c);
      }
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> gets_{0}, posts_{0};
  std::vector<int> clients_;
};

TEST_F(FailoverIntegration, DiscoveryHangingIsBounded) {
  BlackholeDiscovery hole;
  auto out = ListRooms(Options("", hole.url()));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.http_status(), 503);
  EXPECT_EQ(out.error.attempts().size(), 3u);  // the discovery timed out: same-host retries
  EXPECT_EQ(hole.gets(), 1);
  EXPECT_EQ(hole.posts(), 3);
  std::lock_guard<std::mutex> lock(listener->mu);
  ASSERT_EQ(listener->discoveries.size(), 1u);
  EXPECT_FALSE(listener->discoveries[0].ok);
}

}  // namespace
}  // namespace livekit::test
