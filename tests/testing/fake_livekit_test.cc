// FakeLiveKit as a user's test sees it: the real clients, token signing, encodings and
// failover, answered in-process.
#include <gtest/gtest.h>

#include <livekit/room_service_client.h>
#include <livekit/testing/fake_livekit.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using livekit::ErrorCode;
using livekit::ListRoomsRequest;
using livekit::ListRoomsResponse;
using livekit::testing::FakeFailure;
using livekit::testing::FakeLiveKit;
using livekit::testing::FakeRequest;

// ListRooms answers one room per name asked for (or "lobby" when none is).
void AnswerListRooms(FakeLiveKit& fake) {
  fake.On<ListRoomsRequest, ListRoomsResponse>("RoomService", "ListRooms", [](const ListRoomsRequest& req) {
    ListRoomsResponse out;
    if (req.names().empty()) out.add_rooms()->set_name("lobby");
    for (const auto& name : req.names()) out.add_rooms()->set_name(name);
    return out;
  });
}

ListRoomsRequest Names(std::vector<std::string> names) {
  ListRoomsRequest req;
  for (auto& n : names) req.add_names(std::move(n));
  return req;
}

class FakeEncodingTest : public ::testing::TestWithParam<livekit::Encoding> {};

TEST_P(FakeEncodingTest, HandlerAnswersInTheRequestsEncoding) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  auto options = fake.client_options();
  options.encoding = GetParam();
  livekit::RoomServiceClient rooms(options);

  auto out = rooms.ListRooms(Names({"a", "b"}));
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  ASSERT_EQ(out->rooms_size(), 2);
  EXPECT_EQ(out->rooms(0).name(), "a");
  EXPECT_EQ(out->rooms(1).name(), "b");

  const auto seen = fake.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].encoding, GetParam());
  EXPECT_EQ(seen[0].header("Content-Type"),
            GetParam() == livekit::Encoding::kJson ? "application/json" : "application/protobuf");
  EXPECT_EQ(seen[0].service, "RoomService");
  EXPECT_EQ(seen[0].method, "ListRooms");
  EXPECT_EQ(seen[0].region, 0u);
  const auto* req = seen[0].message_as<ListRoomsRequest>();
  ASSERT_NE(req, nullptr);
  ASSERT_EQ(req->names_size(), 2);
  EXPECT_EQ(req->names(1), "b");
}

INSTANTIATE_TEST_SUITE_P(Encodings, FakeEncodingTest,
                         ::testing::Values(livekit::Encoding::kProtobuf, livekit::Encoding::kJson),
                         [](const auto& p) { return p.param == livekit::Encoding::kJson ? "Json" : "Protobuf"; });

TEST(FakeLiveKit, HandlerTwirpErrorReachesTheCaller) {
  FakeLiveKit fake;
  fake.On<livekit::DeleteRoomRequest, livekit::DeleteRoomResponse>(
      "RoomService", "DeleteRoom", [](const livekit::DeleteRoomRequest& req) -> livekit::Result<livekit::DeleteRoomResponse> {
        return livekit::testing::TwirpError("not_found", "no room " + req.room(), {{"room", req.room()}});
      });
  livekit::RoomServiceClient rooms(fake.client_options());
  livekit::DeleteRoomRequest req;
  req.set_room("gone");
  auto out = rooms.DeleteRoom(req);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kServerRejection);
  EXPECT_EQ(out.error().twirp_code(), "not_found");
  EXPECT_EQ(out.error().http_status(), 404);
  EXPECT_EQ(out.error().message(), "no room gone");
  EXPECT_EQ(out.error().metadata().at("room"), "gone");
  EXPECT_EQ(out.error().method(), "RoomService/DeleteRoom");
  EXPECT_EQ(fake.requests().size(), 1u);  // a rejection is not retried
}

TEST(FakeLiveKit, HandlerSeesTheRequestRecord) {
  FakeLiveKit fake;
  std::atomic<std::size_t> region{99};
  fake.On<ListRoomsRequest, ListRoomsResponse>("RoomService", "ListRooms",
                                               [&region](const ListRoomsRequest&, const FakeRequest& call) {
                                                 region = call.region;
                                                 ListRoomsResponse out;
                                                 out.add_rooms()->set_name(call.claims ? call.claims->issuer : "?");
                                                 return out;
                                               });
  livekit::RoomServiceClient rooms(fake.client_options());
  auto out = rooms.ListRooms(ListRoomsRequest{});
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->rooms(0).name(), "fake-api-key");
  EXPECT_EQ(region.load(), 0u);
}

TEST(FakeLiveKit, MethodWithoutHandlerIsABadRoute) {
  FakeLiveKit fake;
  livekit::RoomServiceClient rooms(fake.client_options());
  auto out = rooms.CreateRoom("r");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().twirp_code(), "bad_route");
  EXPECT_EQ(out.error().http_status(), 404);
  EXPECT_NE(out.error().message().find("RoomService/CreateRoom"), std::string::npos) << out.error().message();
}

TEST(FakeLiveKit, FailedRegionMakesTheSdkFailOver) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.FailRegion(0, FakeFailure::HttpStatus(503, "down for maintenance"));
  livekit::RoomServiceClient rooms(fake.client_options());

  auto out = rooms.ListRooms(Names({"x"}));
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  EXPECT_EQ(out->rooms(0).name(), "x");

  const auto seen = fake.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].region, 0u);
  EXPECT_EQ(seen[0].injected_failure, "HTTP 503");
  EXPECT_NE(seen[1].region, 0u);
  EXPECT_EQ(seen[1].injected_failure, "");
  ASSERT_NE(seen[1].message_as<ListRoomsRequest>(), nullptr);
  EXPECT_EQ(seen[1].message_as<ListRoomsRequest>()->names(0), "x");  // the same request replayed
  EXPECT_EQ(seen[0].header("X-Livekit-Request-Id"), seen[1].header("X-Livekit-Request-Id"));
  EXPECT_EQ(fake.discoveries().size(), 1u);
  EXPECT_EQ(fake.region_state()->counters().failovers, 1u);
}

TEST(FakeLiveKit, DroppedConnectionFailsOverToo) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.FailRegion(0, FakeFailure::Drop());
  livekit::RoomServiceClient rooms(fake.client_options());
  auto out = rooms.ListRooms(ListRoomsRequest{});
  ASSERT_TRUE(out.ok()) << out.error().ToString();
  const auto seen = fake.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].injected_failure, "drop");
  EXPECT_NE(seen[1].region, 0u);
}

TEST(FakeLiveKit, EveryRegionFailingListsEachAttempt) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  for (std::size_t i = 0; i < fake.region_count(); ++i) {
    fake.FailRegion(i, FakeFailure::Twirp("unavailable", "region " + std::to_string(i) + " is full"));
  }
  livekit::RoomServiceClient rooms(fake.client_options());
  auto out = rooms.ListRooms(ListRoomsRequest{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kServerFailure);
  EXPECT_EQ(out.error().twirp_code(), "unavailable");
  EXPECT_EQ(out.error().http_status(), 503);
  const auto& attempts = out.error().attempts();
  ASSERT_EQ(attempts.size(), 3u);
  std::set<std::string> hosts;
  for (const auto& a : attempts) {
    hosts.insert(a.host);
    EXPECT_EQ(a.http_status, 503);
  }
  EXPECT_EQ(hosts, (std::set<std::string>{"region-0.fake.livekit.cloud", "region-1.fake.livekit.cloud",
                                          "region-2.fake.livekit.cloud"}));
  EXPECT_EQ(fake.requests().size(), 3u);
}

TEST(FakeLiveKit, FailureForSomeCallsOnly) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.FailRegion(0, FakeFailure::Twirp("internal", "once"), 1);
  auto options = fake.client_options();
  options.failover.enabled = false;
  livekit::RoomServiceClient rooms(options);
  auto first = rooms.ListRooms(ListRoomsRequest{});
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().twirp_code(), "internal");
  EXPECT_EQ(first.error().message(), "once");
  auto second = rooms.ListRooms(ListRoomsRequest{});
  EXPECT_TRUE(second.ok()) << second.error().ToString();
}

TEST(FakeLiveKit, HangEndsAtTheAttemptTimeout) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.FailRegion(0, FakeFailure::Hang());
  auto options = fake.client_options();
  options.timeout = std::chrono::milliseconds(300);  // under 5 s: no failover, one attempt
  livekit::RoomServiceClient rooms(options);

  const auto start = std::chrono::steady_clock::now();
  auto out = rooms.ListRooms(ListRoomsRequest{});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kTimeout) << out.error().ToString();
  EXPECT_GE(took, std::chrono::milliseconds(300));
  ASSERT_EQ(out.error().attempts().size(), 1u);
  EXPECT_EQ(out.error().attempts()[0].outcome, ErrorCode::kTimeout);
  EXPECT_EQ(fake.requests().size(), 1u);
  EXPECT_EQ(fake.hanging(), 0u);  // the SDK let go of the exchange at its timeout
}

TEST(FakeLiveKit, CancelledCallLetsGoOfAHangingExchange) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.FailRegion(0, FakeFailure::Hang());
  livekit::RoomServiceClient rooms(fake.client_options());
  std::promise<livekit::Result<ListRoomsResponse>> result;
  auto handle = rooms.ListRoomsAsync(ListRoomsRequest{}, [&result](livekit::Result<ListRoomsResponse> r) {
    result.set_value(std::move(r));
  });
  while (fake.requests().empty()) std::this_thread::yield();
  handle.Cancel();
  auto out = result.get_future().get();
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kCancelled);
  EXPECT_EQ(fake.hanging(), 0u);
}

TEST(FakeLiveKit, TokensCarryTheLeastGrantOfTheMethod) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  fake.On<livekit::ListParticipantsRequest, livekit::ListParticipantsResponse>(
      "RoomService", "ListParticipants",
      [](const livekit::ListParticipantsRequest&) { return livekit::ListParticipantsResponse{}; });
  livekit::RoomServiceClient rooms(fake.client_options());
  ASSERT_TRUE(rooms.ListRooms(ListRoomsRequest{}).ok());
  livekit::ListParticipantsRequest lp;
  lp.set_room("standup");
  ASSERT_TRUE(rooms.ListParticipants(lp).ok());

  const auto list = fake.requests("RoomService", "ListRooms");
  ASSERT_EQ(list.size(), 1u);
  ASSERT_TRUE(list[0].claims.has_value()) << list[0].token_error;
  EXPECT_EQ(list[0].claims->issuer, "fake-api-key");
  ASSERT_TRUE(list[0].claims->video.has_value());
  EXPECT_EQ(list[0].claims->video->room_list, true);
  EXPECT_FALSE(list[0].claims->video->room_create.has_value());
  EXPECT_FALSE(list[0].claims->video->room_admin.has_value());
  EXPECT_FALSE(list[0].claims->sip.has_value());

  const auto participants = fake.requests("RoomService", "ListParticipants");
  ASSERT_EQ(participants.size(), 1u);
  ASSERT_TRUE(participants[0].claims.has_value()) << participants[0].token_error;
  ASSERT_TRUE(participants[0].claims->video.has_value());
  EXPECT_EQ(participants[0].claims->video->room_admin, true);
  EXPECT_EQ(participants[0].claims->video->room, "standup");  // scoped to the request's room
  EXPECT_FALSE(participants[0].claims->video->room_list.has_value());
}

TEST(FakeLiveKit, TokenOfAnotherSecretIsRefused) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  auto options = fake.client_options();
  options.api_secret = "not-the-fakes-secret";
  livekit::RoomServiceClient rooms(options);
  auto out = rooms.ListRooms(ListRoomsRequest{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().http_status(), 401);
  EXPECT_EQ(out.error().twirp_code(), "unauthenticated");
  const auto seen = fake.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0].claims.has_value());
  EXPECT_FALSE(seen[0].token_error.empty());
}

TEST(FakeLiveKit, ManyCallsFromSeveralThreads) {
  FakeLiveKit fake;
  AnswerListRooms(fake);
  livekit::RoomServiceClient rooms(fake.client_options());
  constexpr int kThreads = 6;
  constexpr int kCallsPerThread = 40;
  std::atomic<int> ok{0};
  std::atomic<bool> stop{false};
  std::thread reader([&] {  // reads the record while calls arrive
    while (!stop) (void)fake.requests().size();
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<livekit::Result<ListRoomsResponse>>> pending;
      for (int i = 0; i < kCallsPerThread; ++i) {
        const std::string name = std::to_string(t) + "-" + std::to_string(i);
        if (i % 2 == 0) {
          auto r = rooms.ListRooms(Names({name}));
          if (r.ok() && r->rooms_size() == 1 && r->rooms(0).name() == name) ++ok;
        } else {
          pending.push_back(rooms.ListRoomsAsync(Names({name})));
        }
      }
      for (auto& f : pending) {
        auto r = f.get();
        if (r.ok() && r->rooms_size() == 1) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  stop = true;
  reader.join();
  EXPECT_EQ(ok.load(), kThreads * kCallsPerThread);
  std::set<std::string> names;
  for (const auto& r : fake.requests()) names.insert(r.message_as<ListRoomsRequest>()->names(0));
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kThreads * kCallsPerThread));
}

// IdempotencyPolicy::kSafeOnly replays a side effect only when the request provably never
// reached a server: a refused connection, not a dropped one.
TEST(FakeLiveKit, SafeOnlyPolicyTellsRefusedFromDropped) {
  for (const bool refused : {true, false}) {
    FakeLiveKit fake;
    fake.On<livekit::SendDataRequest, livekit::SendDataResponse>(
        "RoomService", "SendData", [](const livekit::SendDataRequest&) { return livekit::SendDataResponse{}; });
    fake.FailRegion(0, refused ? FakeFailure::Refuse() : FakeFailure::Drop());
    auto options = fake.client_options();
    options.failover.idempotency = livekit::IdempotencyPolicy::kSafeOnly;
    livekit::RoomServiceClient rooms(options);
    livekit::SendDataRequest req;
    req.set_room("r");
    req.set_data("hello");
    auto out = rooms.SendData(req);
    if (refused) {
      EXPECT_TRUE(out.ok()) << out.error().ToString();
      EXPECT_EQ(fake.requests().size(), 2u);
    } else {
      ASSERT_FALSE(out.ok());
      EXPECT_EQ(out.error().code(), ErrorCode::kTransport);
      EXPECT_EQ(fake.requests().size(), 1u);  // not replayed: it may have been delivered
    }
  }
}

TEST(FakeLiveKit, ClientOutlivingTheFakeGetsATransportError) {
  std::unique_ptr<livekit::RoomServiceClient> rooms;
  {
    FakeLiveKit fake;
    AnswerListRooms(fake);
    auto options = fake.client_options();
    options.failover.enabled = false;
    rooms = std::make_unique<livekit::RoomServiceClient>(options);
    ASSERT_TRUE(rooms->ListRooms(ListRoomsRequest{}).ok());
  }
  auto out = rooms->ListRooms(ListRoomsRequest{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::kTransport);
}

TEST(FakeLiveKitDeathTest, HandlerOfTheWrongTypesAborts) {
  FakeLiveKit fake;
  auto wrong_types = [&fake] {
    fake.On<ListRoomsRequest, livekit::Room>("RoomService", "ListRooms",
                                             [](const ListRoomsRequest&) { return livekit::Room{}; });
  };
  EXPECT_DEATH(wrong_types(), "RoomService/ListRooms");
}

}  // namespace
