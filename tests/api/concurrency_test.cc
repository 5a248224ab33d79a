// Many calls at once on the shared engine: 10,000 in flight from one thread, one client shared
// by 8 threads, cancellation, and destroying a client while its calls run.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <thread>

#include "livekit/livekit_api.h"
#include "support/countdown.h"
#include "support/mock_credentials.h"

namespace livekit::test {
namespace {

using std::chrono::milliseconds;

TEST(ApiConcurrency, TenThousandInFlightFromOneThread) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock);
  o.timeout = milliseconds(120000);  // all 10,000 in flight at once: no per-host limit by default
  RoomServiceClient rooms(o);
  constexpr int kCalls = 10000;
  Countdown countdown(kCalls);
  std::atomic<int> ok{0};
  std::atomic<int> wrong{0};
  for (int i = 0; i < kCalls; ++i) {
    CreateRoomRequest req;
    req.set_name("room-" + std::to_string(i));
    rooms.CreateRoomAsync(req, [&, name = req.name()](Result<Room> r) {
      if (r.ok() && r->name() == name) {
        ++ok;
      } else {
        ++wrong;
      }
      countdown.Done();
    });
  }
  countdown.Wait();
  EXPECT_EQ(ok.load(), kCalls);
  EXPECT_EQ(wrong.load(), 0);
}

TEST(ApiConcurrency, OneClientSharedByEightThreads) {
  MockServerProcess mock;
  LiveKitAPI api(MockOptions(mock));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&api, &ok, t] {
      RoomServiceClient copy = api.room();  // copies share the connection
      for (int i = 0; i < 100; ++i) {
        const std::string room = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto r = (i % 2 == 0) ? copy.CreateRoom(room) : api.room().CreateRoomAsync([&] {
          CreateRoomRequest q;
          q.set_name(room);
          return q;
        }()).get();
        if (r.ok() && r->name() == room) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 800);
}

TEST(ApiConcurrency, CancelThroughTheHandle) {
  MockServerProcess mock;
  RoomServiceClient rooms(MockOptions(mock, R"({"failRegions":[0],"failMode":"hang"})"));
  std::promise<Result<ListRoomsResponse>> p;
  auto f = p.get_future();
  CallHandle h = rooms.ListRoomsAsync(ListRoomsRequest{}, [&p](Result<ListRoomsResponse> r) { p.set_value(std::move(r)); });
  h.Cancel();
  auto r = f.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCancelled);
  EXPECT_EQ(r.error().method(), "RoomService/ListRooms");
  h.Cancel();  // after completion: no effect
}

TEST(ApiConcurrency, DestroyingTheClientCancelsItsCalls) {
  MockServerProcess mock;
  constexpr int kCalls = 10;
  Countdown countdown(kCalls);
  std::atomic<int> cancelled{0};
  std::vector<std::future<Result<ListRoomsResponse>>> futures;
  {
    ClientOptions o = MockOptions(mock, R"({"failRegions":[0],"failMode":"hang"})");
    o.timeout = milliseconds(60000);
    RoomServiceClient rooms(o);
    for (int i = 0; i < kCalls; ++i) {
      rooms.ListRoomsAsync(ListRoomsRequest{}, [&](Result<ListRoomsResponse> r) {
        if (!r.ok() && r.error().code() == ErrorCode::kCancelled) ++cancelled;
        countdown.Done();
      });
      futures.push_back(rooms.ListRoomsAsync(ListRoomsRequest{}));
    }
  }
  countdown.Wait();
  EXPECT_EQ(cancelled.load(), kCalls);
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kCancelled);
  }
}

TEST(ApiConcurrency, DedicatedEngineDestroyedWithCallsInFlight) {
  MockServerProcess mock;
  std::future<Result<ListRoomsResponse>> f;
  {
    ClientOptions o = MockOptions(mock, R"({"failRegions":[0],"failMode":"hang"})");
    o.dedicated_engine = true;
    RoomServiceClient rooms(o);
    f = rooms.ListRoomsAsync(ListRoomsRequest{});
  }
  auto r = f.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCancelled);
}

TEST(ApiConcurrency, BlockingCallInsideACallbackIsRefused) {
  MockServerProcess mock;
  RoomServiceClient rooms(MockOptions(mock));
  std::promise<Result<ListRoomsResponse>> inner;
  auto f = inner.get_future();
  rooms.ListRoomsAsync(ListRoomsRequest{}, [&](Result<ListRoomsResponse>) { inner.set_value(rooms.ListRooms(ListRoomsRequest{})); });
  auto r = f.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace livekit::test
