// What a call puts on the wire, without a server: headers, request ids, the token's grant,
// the dialing timeout rule, the Twirp path.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "livekit/token_verifier.h"
#include "livekit/version.h"
#include "livekit_room.pb.h"
#include "livekit_sip.pb.h"
#include "livekit_connector_whatsapp.pb.h"
#include "services/api_connection.h"
#include "services/call_token.h"
#include "services/dialing_timeout.h"
#include "services/request_facts.h"
#include "services/request_id.h"
#include "services/token_cache.h"
#include "support/mock_credentials.h"

namespace livekit::internal {
namespace {

using std::chrono::milliseconds;

// Nothing listens on port 1: these tests build calls, they never reach a server.
ClientOptions Options() { return test::DevKeyOptions("http://127.0.0.1:1"); }

Claims VerifiedClaims(const CallSpec& spec) {
  std::string auth(FindHeader(spec.headers, "Authorization"));
  EXPECT_EQ(auth.rfind("Bearer ", 0), 0u);
  auto claims = TokenVerifier("devkey", "secret").Verify(auth.substr(7));
  EXPECT_TRUE(claims.ok()) << (claims.ok() ? "" : claims.error().message());
  return claims.ok() ? *claims : Claims{};
}

TEST(RequestId, IsUuidV4AndUnique) {
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRequestId();
    ASSERT_TRUE(std::regex_match(id, uuid)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestId, ThreadsDrawDifferentIds) {
  std::vector<std::string> ids(8);
  std::vector<std::thread> threads;
  for (auto& id : ids) threads.emplace_back([&id] { id = NewRequestId(); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

// A forked worker (prefork servers) must not repeat the ids its parent sends next.
TEST(RequestId, ForkedChildDoesNotRepeatTheParent) {
  NewRequestId();  // this thread's generator is seeded before the fork
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string id = NewRequestId();
    const bool ok = write(fds[1], id.data(), id.size()) == static_cast<ssize_t>(id.size());
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  std::string child(36, '\0');
  ASSERT_EQ(read(fds[0], child.data(), child.size()), 36);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_NE(child, NewRequestId());
}

TEST(CallSpec, HeadersPathAndBody) {
  auto o = Options();
  o.headers = {{"X-Lk-Mock", "{}"}, {"X-Custom", "a"}};
  o.encoding = Encoding::kJson;
  ApiConnection conn(o, nullptr, nullptr);
  ListRoomsRequest req;
  req.add_names("r1");
  CallOptions co;
  co.headers = {{"X-Per-Call", "b"}};
  auto spec = conn.BuildSpec(RequireMethod("RoomService", "ListRooms"), req, FactsByReflection(req), co);
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec->origin, "http://127.0.0.1:1");
  EXPECT_EQ(spec->path, "/twirp/livekit.RoomService/ListRooms");
  EXPECT_EQ(spec->method_name, "RoomService/ListRooms");
  EXPECT_EQ(FindHeader(spec->headers, "Content-Type"), "application/json");
  EXPECT_EQ(FindHeader(spec->headers, "User-Agent"), std::string("livekit-server-sdk-cpp/") + kSdkVersion);
  EXPECT_EQ(FindHeader(spec->headers, "X-Lk-Mock"), "{}");
  EXPECT_EQ(FindHeader(spec->headers, "X-Custom"), "a");
  EXPECT_EQ(FindHeader(spec->headers, "X-Per-Call"), "b");
  EXPECT_EQ(FindHeader(spec->headers, "X-Livekit-Request-Id").size(), 36u);
  EXPECT_EQ(spec->body, R"({"names":["r1"]})");
  EXPECT_EQ(spec->attempt_timeout, milliseconds(10000));
  EXPECT_EQ(spec->kind, MethodKind::kRead);
}

TEST(CallSpec, RequestIdFreshPerCallAndCallerSuppliedKept) {
  ApiConnection conn(Options(), nullptr, nullptr);
  const auto& m = RequireMethod("RoomService", "ListRooms");
  auto a = conn.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), {});
  auto b = conn.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(FindHeader(a->headers, "X-Livekit-Request-Id"), FindHeader(b->headers, "X-Livekit-Request-Id"));

  CallOptions by_option;
  by_option.request_id = "mine-1";
  auto c = conn.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), by_option);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(FindHeader(c->headers, "X-Livekit-Request-Id"), "mine-1");

  CallOptions by_header;
  by_header.headers = {{"x-livekit-request-id", "mine-2"}};
  auto d = conn.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), by_header);
  ASSERT_TRUE(d.ok());
  int count = 0;
  for (const auto& [k, v] : d->headers) {
    if (k == "X-Livekit-Request-Id" || k == "x-livekit-request-id") {
      ++count;
      EXPECT_EQ(v, "mine-2");
    }
  }
  EXPECT_EQ(count, 1);
}

// A per-call header replaces the client's header of the same name: the mock reads one X-Lk-Mock.
TEST(CallSpec, PerCallHeaderReplacesTheClientsOfTheSameName) {
  auto o = Options();
  o.headers = {{"X-Lk-Mock", R"({"failRegions":[0]})"}, {"X-Custom", "client"}, {"X-Other", "kept"}};
  ApiConnection conn(o, nullptr, nullptr);
  CallOptions co;
  co.headers = {{"x-lk-mock", R"({"delayMs":0})"}, {"X-Custom", "call"}};
  const auto& m = RequireMethod("RoomService", "ListRooms");
  auto spec = conn.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), co);
  ASSERT_TRUE(spec.ok());
  std::vector<std::pair<std::string, std::string>> extra(spec->headers.begin() + 4, spec->headers.end());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"X-Other", "kept"}, {"x-lk-mock", R"({"delayMs":0})"}, {"X-Custom", "call"}};
  EXPECT_EQ(extra, expected);

  // The same for the request id: the call's header wins over the client's.
  o.headers = {{"X-Livekit-Request-Id", "client-id"}};
  ApiConnection with_id(o, nullptr, nullptr);
  CallOptions call_id;
  call_id.headers = {{"X-Livekit-Request-Id", "call-id"}};
  auto id_spec = with_id.BuildSpec(m, ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), call_id);
  ASSERT_TRUE(id_spec.ok());
  EXPECT_EQ(FindHeader(id_spec->headers, "X-Livekit-Request-Id"), "call-id");
}

TEST(CallSpec, PreSignedTokenSentVerbatim) {
  ClientOptions o;
  o.url = "https://h";
  o.token = "pre.signed.jwt";
  ApiConnection conn(o, nullptr, nullptr);
  auto spec = conn.BuildSpec(RequireMethod("Egress", "ListEgress"), ListEgressRequest{}, FactsByReflection(ListEgressRequest{}), {});
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(FindHeader(spec->headers, "Authorization"), "Bearer pre.signed.jwt");
}

TEST(CallSpec, InvalidOptionsFailEveryCall) {
  ClientOptions o;
  o.url = "nope";
  o.api_key = "k";
  o.api_secret = "s";
  ApiConnection conn(o, nullptr, nullptr);
  EXPECT_FALSE(conn.status().ok());
  auto spec = conn.BuildSpec(RequireMethod("RoomService", "ListRooms"), ListRoomsRequest{}, FactsByReflection(ListRoomsRequest{}), {});
  ASSERT_FALSE(spec.ok());
  EXPECT_EQ(spec.error().code(), ErrorCode::kInvalidArgument);
}

TEST(CallToken, LeastGrantPerMethod) {
  ApiConnection conn(Options(), nullptr, nullptr);
  ListRoomsRequest list;
  auto l = conn.BuildSpec(RequireMethod("RoomService", "ListRooms"), list, FactsByReflection(list), {});
  ASSERT_TRUE(l.ok());
  Claims lc = VerifiedClaims(*l);
  ASSERT_TRUE(lc.video.has_value());
  EXPECT_EQ(lc.video->room_list, true);
  EXPECT_FALSE(lc.video->room_admin.has_value());
  EXPECT_FALSE(lc.video->room_create.has_value());
  EXPECT_FALSE(lc.sip.has_value());
  ASSERT_TRUE(lc.expires_at.has_value());
  EXPECT_LE(*lc.expires_at - std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count(),
            600);

  MoveParticipantRequest move;
  move.set_room("a");
  move.set_destination_room("b");
  auto m = conn.BuildSpec(RequireMethod("RoomService", "MoveParticipant"), move, FactsByReflection(move), {});
  ASSERT_TRUE(m.ok());
  Claims mc = VerifiedClaims(*m);
  ASSERT_TRUE(mc.video.has_value());
  EXPECT_EQ(mc.video->room_admin, true);
  EXPECT_EQ(mc.video->room, "a");
  EXPECT_EQ(mc.video->destination_room, "b");

  TransferSIPParticipantRequest transfer;
  transfer.set_room_name("call-room");
  auto t = conn.BuildSpec(RequireMethod("SIP", "TransferSIPParticipant"), transfer, FactsByReflection(transfer), {});
  ASSERT_TRUE(t.ok());
  Claims tc = VerifiedClaims(*t);
  ASSERT_TRUE(tc.sip.has_value() && tc.video.has_value());
  EXPECT_EQ(tc.sip->call, true);
  EXPECT_FALSE(tc.sip->admin.has_value());
  EXPECT_EQ(tc.video->room, "call-room");
  EXPECT_EQ(tc.video->room_admin, true);
}

TEST(CallToken, EveryTableGrantMapsToItsClaims) {
  std::size_t n = 0;
  const MethodInfo* all = AllMethods(&n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& g = all[i].grant;
    RoomParticipantIdentity req;  // any message: room taken from `room`
    req.set_room("R");
    CallGrants cg = GrantsForCall(all[i], FactsOf(req));
    const bool needs_video = g.room_create || g.room_list || g.room_record || g.room_admin || g.ingress_admin;
    ASSERT_EQ(cg.video.has_value(), needs_video) << all[i].method;
    ASSERT_EQ(cg.sip.has_value(), g.sip_admin || g.sip_call) << all[i].method;
    if (cg.video) {
      EXPECT_EQ(cg.video->room_create.value_or(false), g.room_create);
      EXPECT_EQ(cg.video->room_list.value_or(false), g.room_list);
      EXPECT_EQ(cg.video->room_record.value_or(false), g.room_record);
      EXPECT_EQ(cg.video->room_admin.value_or(false), g.room_admin);
      EXPECT_EQ(cg.video->ingress_admin.value_or(false), g.ingress_admin);
      EXPECT_EQ(cg.video->room.has_value(), g.room_scoped) << all[i].method;
    }
  }
}

TEST(RequestFacts, CompileTimeAndReflectionAgree) {
  MoveParticipantRequest move;
  move.set_room("a");
  move.set_destination_room("b");
  TransferSIPParticipantRequest transfer;
  transfer.set_room_name("c");
  transfer.mutable_ringing_timeout()->set_seconds(3);
  CreateSIPParticipantRequest create;
  create.set_room_name("d");
  create.set_wait_until_answered(true);
  auto same = [](const RequestFacts& x, const RequestFacts& y) {
    return x.room == y.room && x.destination_room == y.destination_room &&
           x.wait_until_answered == y.wait_until_answered && x.ringing_timeout == y.ringing_timeout;
  };
  EXPECT_TRUE(same(FactsOf(move), FactsByReflection(move)));
  EXPECT_TRUE(same(FactsOf(transfer), FactsByReflection(transfer)));
  EXPECT_TRUE(same(FactsOf(create), FactsByReflection(create)));
  EXPECT_EQ(FactsOf(move).destination_room, "b");
  EXPECT_EQ(FactsOf(transfer).room, "c");
  EXPECT_EQ(FactsOf(transfer).ringing_timeout, milliseconds(3000));
  EXPECT_TRUE(FactsOf(create).wait_until_answered);
}

TEST(DialingTimeout, Rule) {
  const auto& create = RequireMethod("SIP", "CreateSIPParticipant");
  const auto& transfer = RequireMethod("SIP", "TransferSIPParticipant");
  const auto& accept = RequireMethod("Connector", "AcceptWhatsAppCall");
  const auto& list = RequireMethod("RoomService", "ListRooms");

  CreateSIPParticipantRequest no_wait;
  EXPECT_EQ(AttemptTimeout(create, FactsOf(no_wait), milliseconds(10000)), milliseconds(10000));
  CreateSIPParticipantRequest wait;
  wait.set_wait_until_answered(true);
  EXPECT_EQ(AttemptTimeout(create, FactsOf(wait), milliseconds(10000)), milliseconds(32000));
  wait.mutable_ringing_timeout()->set_seconds(45);
  EXPECT_EQ(AttemptTimeout(create, FactsOf(wait), milliseconds(10000)), milliseconds(47000));
  EXPECT_EQ(AttemptTimeout(create, FactsOf(wait), milliseconds(60000)), milliseconds(60000));

  TransferSIPParticipantRequest t;
  EXPECT_EQ(AttemptTimeout(transfer, FactsOf(t), milliseconds(5000)), milliseconds(32000));
  t.mutable_ringing_timeout()->set_seconds(5);
  t.mutable_ringing_timeout()->set_nanos(500000000);
  EXPECT_EQ(AttemptTimeout(transfer, FactsOf(t), milliseconds(1000)), milliseconds(7500));

  AcceptWhatsAppCallRequest a;
  EXPECT_EQ(AttemptTimeout(accept, FactsOf(a), milliseconds(10000)), milliseconds(32000));
  EXPECT_EQ(AttemptTimeout(list, FactsOf(ListRoomsRequest{}), milliseconds(1234)), milliseconds(1234));

  ApiConnection conn(Options(), nullptr, nullptr);
  CallOptions co;
  co.timeout = milliseconds(3000);
  auto spec = conn.BuildSpec(transfer, TransferSIPParticipantRequest{}, FactsByReflection(TransferSIPParticipantRequest{}), co);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->attempt_timeout, milliseconds(32000));
}

}  // namespace
}  // namespace livekit::internal

namespace livekit::internal {
namespace {

TEST(TokenCache, ReusedPerExactGrantAndRenewedAtHalfLife) {
  TokenCache cache("devkey", "secret");
  const auto& list = RequireMethod("RoomService", "ListParticipants");
  const auto& rooms = RequireMethod("RoomService", "ListRooms");
  RequestFacts a;
  a.room = "a";
  RequestFacts b;
  b.room = "b";
  const auto t0 = TokenCache::Clock::now();
  // The cache holds the Authorization header value; the token is what follows "Bearer ".
  auto token_of = [](const Result<std::string>& authorization) {
    EXPECT_EQ(authorization->rfind("Bearer ", 0), 0u);
    return authorization->substr(7);
  };
  auto first = cache.Authorization(list, a, t0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*cache.Authorization(list, a, t0 + std::chrono::seconds(10)), *first);  // same grant: reused
  auto other_room = cache.Authorization(list, b, t0);
  ASSERT_TRUE(other_room.ok());
  EXPECT_NE(*other_room, *first);
  auto claims = TokenVerifier("devkey", "secret").Verify(token_of(other_room));
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->video->room, "b");
  auto unscoped = cache.Authorization(rooms, a, t0);  // ListRooms is not room-scoped: a different grant
  ASSERT_TRUE(unscoped.ok());
  EXPECT_NE(*unscoped, *first);
  // Past half of the 10-minute lifetime a fresh token is signed.
  auto later = cache.Authorization(list, a, t0 + kCallTokenTtl / 2 + std::chrono::seconds(1));
  ASSERT_TRUE(later.ok());
  auto later_claims = TokenVerifier("devkey", "secret").Verify(token_of(later));
  ASSERT_TRUE(later_claims.ok());
  EXPECT_EQ(later_claims->video->room, "a");
}

}  // namespace
}  // namespace livekit::internal
