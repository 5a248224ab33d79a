// The libcurl engine on its own, against lk-mock-server: answers, failures, limits,
// cancellation, timers and shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <future>

#include "support/mock_server_process.h"
#include "transport/curl_engine.h"
#include "transport/event_loop.h"

namespace livekit::internal {
namespace {

using livekit::test::MockServerProcess;
using std::chrono::milliseconds;

HttpRequest Post(const MockServerProcess& mock, const std::string& control, milliseconds timeout = milliseconds(5000)) {
  HttpRequest r;
  r.url = mock.url() + "/twirp/livekit.RoomService/ListRooms";
  r.headers = {{"Content-Type", "application/json"}, {"X-Lk-Mock", control}};
  r.body = "{}";
  r.timeout = timeout;
  return r;
}

ExchangeResult SendAndWait(CurlEngine& engine, HttpRequest req) {
  std::promise<ExchangeResult> p;
  auto f = p.get_future();
  engine.Send(std::move(req), [&p](ExchangeResult r) { p.set_value(std::move(r)); });
  return f.get();
}

TEST(CurlEngine, GetAndPost) {
  MockServerProcess mock;
  CurlEngine engine;
  HttpRequest get;
  get.verb = HttpRequest::Verb::kGet;
  get.url = mock.url() + "/_test/health";
  auto g = SendAndWait(engine, get);
  ASSERT_TRUE(g.response.has_value()) << g.error.message();
  EXPECT_EQ(g.response->status, 200);
  EXPECT_EQ(g.response->body.substr(0, 2), "ok");

  auto p = SendAndWait(engine, Post(mock, R"({"skipAuth":true})"));
  ASSERT_TRUE(p.response.has_value()) << p.error.message();
  EXPECT_EQ(p.response->status, 200);
  EXPECT_EQ(p.response->header("x-lk-mock-region"), "0");
  EXPECT_NE(p.response->header("Content-Type").find("json"), std::string_view::npos);
  EXPECT_NE(p.response->body.find("MOCK_SID"), std::string::npos);
}

TEST(CurlEngine, ErrorStatusIsAnAnswer) {
  MockServerProcess mock;
  CurlEngine engine;
  auto r = SendAndWait(engine, Post(mock, R"({"skipAuth":true,"failRegions":[0],"failStatus":404})"));
  ASSERT_TRUE(r.response.has_value());
  EXPECT_EQ(r.response->status, 404);
}

TEST(CurlEngine, DropAndRefusedAndHang) {
  MockServerProcess mock;
  CurlEngine engine;
  auto drop = SendAndWait(engine, Post(mock, R"({"skipAuth":true,"failRegions":[0],"failMode":"drop"})"));
  ASSERT_FALSE(drop.response.has_value());
  EXPECT_EQ(drop.error.code(), ErrorCode::kTransport);
  EXPECT_TRUE(drop.may_have_reached_server);

  auto hang = SendAndWait(engine, Post(mock, R"({"skipAuth":true,"failRegions":[0],"failMode":"hang"})", milliseconds(250)));
  ASSERT_FALSE(hang.response.has_value());
  EXPECT_EQ(hang.error.code(), ErrorCode::kTimeout);
  EXPECT_TRUE(hang.may_have_reached_server);

  int port = 0;
  {
    MockServerProcess gone;
    port = gone.port();
  }
  HttpRequest refused = Post(mock, "{}");
  refused.url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  auto r = SendAndWait(engine, refused);
  ASSERT_FALSE(r.response.has_value());
  EXPECT_EQ(r.error.code(), ErrorCode::kTransport);
  EXPECT_FALSE(r.may_have_reached_server);
}

TEST(CurlEngine, ResponseSizeLimit) {
  MockServerProcess mock;
  CurlEngine engine;
  HttpRequest req = Post(mock, R"({"skipAuth":true})");
  req.max_response_bytes = 8;
  auto r = SendAndWait(engine, req);
  ASSERT_FALSE(r.response.has_value());
  EXPECT_EQ(r.error.code(), ErrorCode::kBadResponse);
  EXPECT_EQ(r.error.message(), "response larger than 8 bytes");
}

TEST(CurlEngine, NoRedirectFollowing) {
  MockServerProcess mock;
  CurlEngine engine;
  // A 3xx answer is handed back as is (the mock answers the status it is told to).
  auto r = SendAndWait(engine, Post(mock, R"({"skipAuth":true,"failRegions":[0],"failStatus":307})"));
  ASSERT_TRUE(r.response.has_value()) << r.error.message();
  EXPECT_EQ(r.response->status, 307);
}

TEST(CurlEngine, CancelInFlight) {
  MockServerProcess mock;
  CurlEngine engine;
  std::promise<ExchangeResult> p;
  auto f = p.get_future();
  auto id = engine.Send(Post(mock, R"({"skipAuth":true,"failRegions":[0],"failMode":"hang"})", milliseconds(60000)),
                        [&p](ExchangeResult r) { p.set_value(std::move(r)); });
  engine.Cancel(id);
  auto r = f.get();
  EXPECT_EQ(r.error.code(), ErrorCode::kCancelled);
  engine.Cancel(id);  // again, after completion: no effect
}

TEST(CurlEngine, DestructionCancelsEverything) {
  MockServerProcess mock;
  std::atomic<int> cancelled{0};
  std::atomic<int> timers{0};
  {
    CurlEngine engine;
    for (int i = 0; i < 20; ++i) {
      engine.Send(Post(mock, R"({"skipAuth":true,"failRegions":[0],"failMode":"hang"})", milliseconds(60000)),
                  [&cancelled](ExchangeResult r) {
                    if (r.error.code() == ErrorCode::kCancelled) ++cancelled;
                  });
    }
    engine.RunAfter(std::chrono::hours(1), [&timers] { ++timers; });
  }
  EXPECT_EQ(cancelled.load(), 20);
  EXPECT_EQ(timers.load(), 1);  // pending timers run at shutdown so retry loops can end
}

TEST(CurlEngine, TimersRunInOrderAndCancel) {
  CurlEngine engine;
  std::mutex mu;
  std::vector<int> order;
  std::promise<void> last;
  auto f = last.get_future();
  engine.RunAfter(milliseconds(30), [&] { std::lock_guard<std::mutex> l(mu); order.push_back(3); last.set_value(); });
  engine.RunAfter(milliseconds(0), [&] { std::lock_guard<std::mutex> l(mu); order.push_back(1); });
  auto cancelled = engine.RunAfter(milliseconds(10), [&] { std::lock_guard<std::mutex> l(mu); order.push_back(99); });
  engine.RunAfter(milliseconds(15), [&] { std::lock_guard<std::mutex> l(mu); order.push_back(2); });
  engine.CancelTimer(cancelled);
  f.get();
  std::lock_guard<std::mutex> l(mu);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(CurlEngine, CallbacksRunOnTheIoThread) {
  MockServerProcess mock;
  CurlEngine engine;
  EXPECT_FALSE(engine.OnIoThread());
  std::promise<bool> on_io;
  auto f = on_io.get_future();
  engine.Send(Post(mock, R"({"skipAuth":true})"), [&](ExchangeResult) { on_io.set_value(engine.OnIoThread()); });
  EXPECT_TRUE(f.get());
}

// CI runs the engine's tests once per backend through LIVEKIT_EVENT_LOOP: the variable must
// really choose the backend, or the second run would silently prove nothing.
TEST(CurlEngine, RunsOnTheEventLoopChosenByTheEnvironment) {
  CurlEngine engine;
  const char* env = std::getenv("LIVEKIT_EVENT_LOOP");
  if (env != nullptr && *env != '\0') {
    EXPECT_EQ(engine.event_loop_name(), env);
  } else {
    EXPECT_EQ(engine.event_loop_name(), BuiltEventLoops().substr(0, BuiltEventLoops().find(',')));
  }
}

TEST(CurlEngine, EveryBuiltBackendServesExchangesAndTimers) {
  MockServerProcess mock;
  std::vector<EventLoopKind> kinds = {EventLoopKind::kPoll};
  if (BuiltEventLoops().find("epoll") != std::string_view::npos) kinds.push_back(EventLoopKind::kEpoll);
  for (EventLoopKind kind : kinds) {
    CurlEngineOptions options;
    options.event_loop = kind;
    CurlEngine engine(options);
    SCOPED_TRACE(std::string(engine.event_loop_name()));
    EXPECT_EQ(engine.event_loop_name(), kind == EventLoopKind::kPoll ? "poll" : "epoll");
    auto r = SendAndWait(engine, Post(mock, R"({"skipAuth":true})"));
    ASSERT_TRUE(r.response.has_value()) << r.error.message();
    EXPECT_EQ(r.response->status, 200);
    std::promise<void> fired;
    engine.RunAfter(milliseconds(5), [&fired] { fired.set_value(); });
    fired.get_future().get();
    // A hang is ended by the exchange's own timeout (a libcurl timer, not ours).
    auto hung = SendAndWait(engine, Post(mock, R"({"skipAuth":true,"failRegions":[0],"failMode":"hang"})",
                                         milliseconds(200)));
    EXPECT_EQ(hung.error.code(), ErrorCode::kTimeout) << hung.error.message();
  }
}

TEST(CurlEngine, AnUnknownEventLoopInTheEnvironmentFailsEveryExchangeClearly) {
  const char* before = std::getenv("LIVEKIT_EVENT_LOOP");
  const std::string saved = before != nullptr ? before : "";
  setenv("LIVEKIT_EVENT_LOOP", "kqueue-please", 1);
  {
    CurlEngine engine;
    EXPECT_TRUE(engine.event_loop_name().empty());
    HttpRequest req;
    req.url = "http://127.0.0.1:9/";
    auto r = SendAndWait(engine, req);
    EXPECT_EQ(r.error.code(), ErrorCode::kInternal);
    EXPECT_NE(r.error.message().find("LIVEKIT_EVENT_LOOP=kqueue-please"), std::string::npos) << r.error.message();
    EXPECT_FALSE(r.may_have_reached_server);
    // Timers still run (retry loops must be able to end).
    std::promise<void> fired;
    engine.RunAfter(milliseconds(1), [&fired] { fired.set_value(); });
    fired.get_future().get();
  }
  if (before != nullptr) {
    setenv("LIVEKIT_EVENT_LOOP", saved.c_str(), 1);
  } else {
    unsetenv("LIVEKIT_EVENT_LOOP");
  }
}

TEST(CurlEngine, SharedEngineIsShared) {
  auto a = SharedCurlEngine();
  auto b = SharedCurlEngine();
  EXPECT_EQ(a.get(), b.get());
}

}  // namespace
}  // namespace livekit::internal
