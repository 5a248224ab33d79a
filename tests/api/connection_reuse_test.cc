// Kept-alive connections are reused, on every event loop: the server counts the connections
// it accepted. The epoll loop also lets a cleartext exchange skip libcurl's search for an idle
// connection when none exists (exchange.cc); these tests fail if that ever skips one that does,
// or if a connection beyond the ones kept for reuse stays open.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "support/raw_http_server.h"
#include "transport/curl_engine.h"
#include "transport/event_loop.h"

namespace livekit::internal {
namespace {

using livekit::test::RawHttpServer;
using std::chrono::milliseconds;

// Answers every request of a connection after `delay_ms`, keeping the connection open;
// counts in `closed` the connections the client closed.
RawHttpServer KeepAliveServer(int delay_ms, std::atomic<int>* closed) {
  return RawHttpServer([delay_ms, closed](int fd, const std::atomic<bool>& stopping, RawHttpServer& server) {
    while (server.ReadRequest(fd, stopping)) {
      if (delay_ms > 0 && !RawHttpServer::Pause(stopping, delay_ms)) return;
      if (!server.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")) return;
    }
    if (!stopping) closed->fetch_add(1);
  });
}

HttpRequest Get(const RawHttpServer& server) {
  HttpRequest r;
  r.url = server.url() + "/twirp/livekit.RoomService/ListRooms";
  r.headers = {{"Content-Type", "application/json"}};
  r.body = "{}";
  r.timeout = milliseconds(10000);
  return r;
}

// Sends `n` exchanges at once and waits for all; returns how many got a 200.
int Burst(CurlEngine& engine, const RawHttpServer& server, int n) {
  std::vector<std::future<ExchangeResult>> results;
  std::vector<std::promise<ExchangeResult>> promises(static_cast<std::size_t>(n));
  for (auto& p : promises) {
    results.push_back(p.get_future());
    engine.Send(Get(server), [&p](ExchangeResult r) { p.set_value(std::move(r)); });
  }
  int ok = 0;
  for (auto& f : results) {
    const ExchangeResult r = f.get();
    if (r.response && r.response->status == 200) ++ok;
  }
  return ok;
}

// Runs `body` once per event loop this build has, each time with a fresh keep-alive server
// (answering after `delay_ms`) and a fresh engine on that loop.
void OnEveryEventLoop(int delay_ms, const std::function<void(CurlEngine&, const RawHttpServer&)>& body) {
  std::vector<EventLoopKind> kinds = {EventLoopKind::kPoll};
  if (BuiltEventLoops().find("epoll") != std::string_view::npos) kinds.push_back(EventLoopKind::kEpoll);
  for (EventLoopKind kind : kinds) {
    std::atomic<int> closed{0};
    RawHttpServer server = KeepAliveServer(delay_ms, &closed);
    CurlEngineOptions options;
    options.event_loop = kind;
    CurlEngine engine(options);
    SCOPED_TRACE(std::string(engine.event_loop_name()));
    body(engine, server);
  }
}

// Waits (up to 10 s) until `count` reaches `want`, then 300 ms more for any beyond it;
// returns its last value.
int SettledCount(const std::atomic<int>& count, int want) {
  for (int i = 0; i < 1000 && count.load() < want; ++i) std::this_thread::sleep_for(milliseconds(10));
  std::this_thread::sleep_for(milliseconds(300));
  return count.load();
}

TEST(ConnectionReuse, SequentialExchangesShareOneConnection) {
  OnEveryEventLoop(0, [](CurlEngine& engine, const RawHttpServer& server) {
    for (int i = 0; i < 20; ++i) ASSERT_EQ(Burst(engine, server, 1), 1);
    EXPECT_EQ(server.connections(), 1);
  });
}

// Each exchange sent from the previous one's completion callback, on the I/O thread, as a
// program that chains calls does: the connection the last one just left is reused.
TEST(ConnectionReuse, AnExchangeSentFromACompletionReusesTheConnectionJustLeft) {
  OnEveryEventLoop(0, [](CurlEngine& engine, const RawHttpServer& server) {
    std::promise<int> done;
    std::atomic<int> ok{0};
    std::function<void(int)> chain = [&](int left) {
      engine.Send(Get(server), [&, left](ExchangeResult r) {
        if (r.response && r.response->status == 200) ok.fetch_add(1);
        if (left > 1) {
          chain(left - 1);
        } else {
          done.set_value(ok.load());
        }
      });
    };
    chain(20);
    ASSERT_EQ(done.get_future().get(), 20);
    EXPECT_EQ(server.connections(), 1);
  });
}

TEST(ConnectionReuse, ABurstOpensAConnectionPerExchangeAndTheNextBurstReusesThem) {
  // 300 ms: long enough for all of a burst to be in flight.
  OnEveryEventLoop(300, [](CurlEngine& engine, const RawHttpServer& server) {
    ASSERT_EQ(Burst(engine, server, 16), 16);
    EXPECT_EQ(server.connections(), 16) << "HTTP/1.1: one connection per exchange in flight";
    ASSERT_EQ(Burst(engine, server, 16), 16);
    EXPECT_EQ(server.connections(), 16) << "the second burst reuses the 16 idle connections";
    ASSERT_EQ(Burst(engine, server, 24), 24);
    EXPECT_EQ(server.connections(), 24) << "16 reused, 8 new";
    ASSERT_EQ(Burst(engine, server, 1), 1);
    EXPECT_EQ(server.connections(), 24);
  });
}

// A burst wider than the connections the epoll loop keeps, with none idle: the plain-HTTP
// connections opened beyond them close as their exchange ends, and the kept ones serve the
// next burst and the next call. (The poll loop, and a burst that finds idle connections,
// leave the excess to libcurl, which trims its cache later and lazily.)
TEST(ConnectionReuse, ABurstWiderThanTheKeptConnectionsClosesTheRestAndReusesTheKept) {
  if (BuiltEventLoops().find("epoll") == std::string_view::npos) GTEST_SKIP() << "no epoll loop in this build";
  std::atomic<int> closed{0};
  RawHttpServer server = KeepAliveServer(300, &closed);  // 300 ms: the whole burst is in flight
  CurlEngineOptions options;
  options.event_loop = EventLoopKind::kEpoll;
  options.max_cached_connections = 4;
  CurlEngine engine(options);
  ASSERT_EQ(Burst(engine, server, 12), 12);
  EXPECT_EQ(server.connections(), 12);
  EXPECT_EQ(SettledCount(closed, 8), 8) << "4 connections kept, 8 closed";
  ASSERT_EQ(Burst(engine, server, 12), 12);
  EXPECT_EQ(server.connections(), 20) << "the 4 kept ones reused, 8 new";
  ASSERT_EQ(Burst(engine, server, 1), 1);
  EXPECT_EQ(server.connections(), 20) << "a kept connection serves the next call";
}

}  // namespace
}  // namespace livekit::internal
