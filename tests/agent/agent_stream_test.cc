// The build and log streams (livekit/agent_streams.h) against lk-mock-server, which sends
// lines over time and reports how many it sent: lines arrive before the stream ends, cancel,
// deadline, idle timeout, a cut mid-line, error answers and the admin grant.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "common/base64.h"
#include "livekit/access_token.h"
#include "livekit/agent_streams.h"
#include "livekit/version.h"
#include "support/http_client.h"
#include "support/mock_credentials.h"
#include "support/mock_server_process.h"

namespace livekit {
namespace {

using livekit::test::Http;
using livekit::test::MockServerProcess;
using nlohmann::json;
using std::chrono::milliseconds;

// A safety bound only: no test passes or fails by how long something took.
constexpr auto kSafety = std::chrono::seconds(20);

// The lines a stream delivered, and a signal when the n-th arrives.
class Lines {
 public:
  explicit Lines(std::size_t signal_at = 1) : signal_at_(signal_at) {}
  LineCallback Callback() {
    return [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.emplace_back(line);
      if (lines_.size() == signal_at_) reached_.set_value();
    };
  }
  bool WaitReached() { return reached_future_.wait_for(kSafety) == std::future_status::ready; }
  std::vector<std::string> get() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
  std::size_t signal_at_;
  std::promise<void> reached_;
  std::future<void> reached_future_ = reached_.get_future();
};

json Streams(const MockServerProcess& mock) {
  auto r = Http("GET", mock.url() + "/_test/agent-streams");
  EXPECT_EQ(r.status, 200);
  return json::parse(r.body)["streams"];
}

// Waits (bounded) until the mock's only stream is in `state`.
bool StreamReaches(const MockServerProcess& mock, const std::string& state) {
  const auto until = std::chrono::steady_clock::now() + kSafety;
  while (std::chrono::steady_clock::now() < until) {
    const json s = Streams(mock);
    if (s.size() == 1 && s[0]["state"] == state) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

StreamOptions Control(const std::string& control) {
  StreamOptions o;
  o.headers.emplace_back("X-Lk-Mock", control);
  return o;
}

Status Await(std::future<Status>& f) {
  if (f.wait_for(kSafety) != std::future_status::ready) return Error(ErrorCode::kInternal, "test: no end in time");
  return f.get();
}

TEST(AgentStream, BuildLinesArriveBeforeTheStreamEnds) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  ASSERT_TRUE(client.status().ok()) << client.status().message();
  AgentBuildRequest req;
  req.agent_id = "CA_1 x";
  req.deployment = "dep-2";
  req.version_attributes = {{"git_sha", "abc"}};
  Lines lines;
  auto done = client.StreamBuildAsync(req, lines.Callback(), Control(R"({"streamLines":3,"streamHoldAfter":1})"));
  ASSERT_TRUE(lines.WaitReached());
  // The first line was delivered while the mock held the rest back: not buffered to the end.
  // (The mock counts a line once its write completes, which may be after the client has it.)
  ASSERT_TRUE(StreamReaches(mock, "holding"));
  json streams = Streams(mock);
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0]["linesSent"], 1);
  EXPECT_EQ(streams[0]["linesPlanned"], 3);
  EXPECT_EQ(Http("POST", mock.url() + "/_test/agent-streams/release").status, 200);
  Status s = Await(done);
  ASSERT_TRUE(s.ok()) << s.message();
  const auto got = lines.get();
  ASSERT_EQ(got.size(), 3u);
  for (const auto& line : got) {
    const json j = json::parse(line);
    EXPECT_TRUE(j.contains("vertexes")) << line;
  }
  // The mock marks the stream finished once its last write completes, which may be after the
  // client has read the end.
  EXPECT_TRUE(StreamReaches(mock, "finished")) << Streams(mock).dump();
  streams = Streams(mock);
  EXPECT_EQ(streams[0]["path"], "/build");
  EXPECT_EQ(streams[0]["query"], "agent_id=CA_1%20x&deployment=dep-2");
  EXPECT_EQ(streams[0]["cliVersion"], kSdkVersion);
  EXPECT_EQ(streams[0]["versionAttributes"], internal::Base64Encode(R"({"git_sha":"abc"})"));
}

TEST(AgentStream, LogsArriveAsTextLinesWithoutTheirLineEnds) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentLogsRequest req;
  req.agent_id = "CA_1";
  req.log_type = AgentLogType::kBuild;
  Lines lines;
  Status s = client.StreamLogs(req, lines.Callback(), Control(R"({"streamLines":4})"));
  ASSERT_TRUE(s.ok()) << s.message();
  const auto got = lines.get();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], "mock build log line 1 of CA_1");
  EXPECT_EQ(got[3], "mock build log line 4 of CA_1");
  EXPECT_EQ(Streams(mock)[0]["query"], "agent_id=CA_1&log_type=build");
}

TEST(AgentStream, CancelMidStreamStopsIt) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentLogsRequest req;
  req.agent_id = "CA_1";
  Lines lines(2);
  std::promise<Status> end;
  CallHandle h = client.StreamLogsAsync(req, lines.Callback(), [&end](Status s) { end.set_value(std::move(s)); },
                                        Control(R"({"streamLines":10,"streamHoldAfter":2})"));
  ASSERT_TRUE(lines.WaitReached());
  h.Cancel();
  auto f = end.get_future();
  ASSERT_EQ(f.wait_for(kSafety), std::future_status::ready);
  Status s = f.get();
  EXPECT_EQ(s.code(), ErrorCode::kCancelled) << s.message();
  EXPECT_EQ(lines.get().size(), 2u);
  EXPECT_TRUE(StreamReaches(mock, "clientClosed"));  // the connection was closed, not left open
}

TEST(AgentStream, AHangingStreamHitsTheDeadline) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentLogsRequest req;
  req.agent_id = "CA_1";
  Lines lines;
  StreamOptions o = Control(R"({"failRegions":[0],"failMode":"hang","streamFailAfter":2})");
  o.deadline = milliseconds(800);
  Status s = client.StreamLogs(req, lines.Callback(), o);
  EXPECT_EQ(s.code(), ErrorCode::kTimeout) << s.message();
  EXPECT_EQ(lines.get().size(), 2u);
  EXPECT_NE(s.message().find("2 lines delivered"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("deadline of 800 ms"), std::string::npos) << s.message();
}

TEST(AgentStream, AQuietStreamHitsTheIdleTimeout) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentBuildRequest req;
  req.agent_id = "CA_1";
  Lines lines;
  StreamOptions o = Control(R"({"failRegions":[0],"failMode":"hang","streamFailAfter":1})");
  o.idle_timeout = milliseconds(300);
  Status s = client.StreamBuild(req, lines.Callback(), o);
  EXPECT_EQ(s.code(), ErrorCode::kTimeout) << s.message();
  EXPECT_NE(s.message().find("idle timeout"), std::string::npos) << s.message();
  EXPECT_EQ(lines.get().size(), 1u);
}

TEST(AgentStream, ACutMidLineIsATransportErrorAfterTheEarlierLines) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentLogsRequest req;
  req.agent_id = "CA_1";
  Lines lines;
  Status s = client.StreamLogs(req, lines.Callback(),
                               Control(R"({"failRegions":[0],"failMode":"drop","streamFailAfter":3})"));
  EXPECT_EQ(s.code(), ErrorCode::kTransport) << s.message();
  EXPECT_EQ(lines.get().size(), 3u);
  EXPECT_NE(s.message().find("3 lines delivered"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("partial line"), std::string::npos) << s.message();
}

TEST(AgentStream, ErrorAnswersCarryStatusMessageAndMeta) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  AgentLogsRequest req;
  req.agent_id = "CA_1";
  Lines lines;
  Status s = client.StreamLogs(req, lines.Callback(), Control(R"({"failRegions":[0],"failStatus":404})"));
  EXPECT_EQ(s.code(), ErrorCode::kServerRejection);
  EXPECT_EQ(s.error().http_status(), 404);
  EXPECT_NE(s.message().find("mock: injected failure"), std::string::npos) << s.message();
  EXPECT_EQ(s.error().metadata().at("reason"), "injected");
  Status s5 = client.StreamBuild({"CA_1", "", {}}, lines.Callback(), Control(R"({"failRegions":[0],"failStatus":502})"));
  EXPECT_EQ(s5.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(s5.error().http_status(), 502);
  EXPECT_TRUE(lines.get().empty());
}

TEST(AgentStream, ABuildErrorLineFailsTheBuild) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  Lines lines;
  Status s = client.StreamBuild({"CA_1", "", {}}, lines.Callback(),
                                Control(R"({"streamLines":2,"buildError":"pip install failed"})"));
  EXPECT_EQ(s.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(s.message(), "build failed: pip install failed");
  const auto got = lines.get();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2], "BUILD ERROR: pip install failed");
}

TEST(AgentStream, ALineOverTheLimitStopsTheStream) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  Lines lines;
  StreamOptions o = Control(R"({"streamLines":3,"streamLineBytes":5000})");
  o.max_line_bytes = 1000;
  Status s = client.StreamLogs({"CA_1", AgentLogType::kDeploy, ""}, lines.Callback(), o);
  EXPECT_EQ(s.code(), ErrorCode::kBadResponse) << s.message();
  EXPECT_NE(s.message().find("1000 bytes"), std::string::npos) << s.message();
  EXPECT_TRUE(lines.get().empty());
}

TEST(AgentStream, TheStreamsNeedTheAgentAdminGrant) {
  MockServerProcess mock;
  Lines lines;
  ClientOptions no_admin;
  no_admin.url = mock.url();
  VideoGrant video;
  video.room_admin = true;
  no_admin.token = AccessToken(test::kApiKey, test::kApiSecret).set_video_grant(video).ToJwt().value();
  Status s = AgentStreamClient(no_admin).StreamLogs({"CA_1", AgentLogType::kDeploy, ""}, lines.Callback());
  EXPECT_EQ(s.code(), ErrorCode::kServerRejection);
  EXPECT_EQ(s.error().http_status(), 403);
  EXPECT_EQ(s.message().find("eyJ"), std::string::npos);

  ClientOptions wrong = test::MockOptions(mock);
  wrong.api_secret = "not-the-secret";
  Status s401 = AgentStreamClient(wrong).StreamBuild({"CA_1", "", {}}, lines.Callback());
  EXPECT_EQ(s401.error().http_status(), 401);
  EXPECT_TRUE(lines.get().empty());
}

TEST(AgentStream, UnusableRequestsFailBeforeSending) {
  MockServerProcess mock;
  AgentStreamClient client(test::MockOptions(mock));
  Lines lines;
  EXPECT_EQ(client.StreamLogs({}, lines.Callback()).code(), ErrorCode::kInvalidArgument);
  StreamOptions o;
  o.deadline = milliseconds(0);
  EXPECT_EQ(client.StreamBuild({"CA_1", "", {}}, lines.Callback(), o).code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Streams(mock).empty());
}

}  // namespace
}  // namespace livekit
