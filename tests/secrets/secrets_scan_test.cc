// Secrets scan (issue 6): every SDK component is made to fail in every way it can, with a
// known API secret and real tokens in play; every error message, log line and failover event
// is then scanned for the secrets, the tokens that were sent and any JWT. Each test scans
// what it collected (ctest runs each test in its own process).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "support/raw_http_server.h"
#include "livekit/access_token.h"
#include "livekit/failover_events.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"
#include "livekit/token_verifier.h"
#include "livekit/webhook_receiver.h"
#include "secrets/secret_scanner.h"

namespace livekit {
namespace {

using test::MockServerProcess;
using test::RawHttpServer;
using test::SecretScanner;
using Ms = std::chrono::milliseconds;

// Long and distinctive, so scripts/scan_test_logs.sh can look for them without false hits.
constexpr char kSecret[] = "scanSecret-4f9b2c7e1d8a6035b7e9c1f2a4d6e8b0";
constexpr char kWrongSecret[] = "scanWrongSecret-93c1e7a5b2d4f6081a3c5e7f9b1d2c4e";
constexpr char kKey[] = "scankey";

class SecretsScan : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LIVEKIT_API_KEY");
    unsetenv("LIVEKIT_API_SECRET");
    unsetenv("LIVEKIT_TOKEN");
    unsetenv("LIVEKIT_URL");
    scanner_.AddSecret(kSecret);
    scanner_.AddSecret(kWrongSecret);
    logger_ = std::make_shared<test::ScanningLogger>(scanner_);
    listener_ = std::make_shared<test::ScanningListener>(scanner_);
  }

  // Fails the test listing every offending line, masked.
  void TearDown() override {
    auto findings = scanner_.Findings();
    for (const auto& f : findings) ADD_FAILURE() << "secret or token in SDK output: " << f;
    EXPECT_GT(scanner_.collected(), 0u);
  }

  ClientOptions Options(const std::string& url, const std::string& secret = kSecret) {
    ClientOptions o;
    o.url = url;
    o.api_key = kKey;
    o.api_secret = secret;
    o.timeout = Ms(3000);
    o.failover.logger = logger_;
    o.failover.listener = listener_;
    o.failover.region_state = std::make_shared<RegionState>();
    return o;
  }

  std::string Token(VideoGrant grant, std::chrono::seconds ttl = std::chrono::seconds(600),
                    const std::string& secret = kSecret, const std::string& key = kKey) {
    AccessToken t(key, secret);
    t.set_identity("scan-user").set_video_grant(std::move(grant)).set_ttl(ttl);
    std::string jwt = t.ToJwt().value();
    scanner_.AddSecret(jwt);
    return jwt;
  }

  // Runs ListRooms in the blocking and both async forms; collects every error.
  void ListRoomsEveryWay(const std::string& what, const ClientOptions& o, const CallOptions& call = {}) {
    RoomServiceClient client(o);
    if (!client.status().ok()) scanner_.CollectError(what + " status", client.status().error());
    auto r = client.ListRooms(ListRoomsRequest(), call);
    ASSERT_FALSE(r.ok()) << what;
    scanner_.CollectError(what, r.error());
    auto f = client.ListRoomsAsync(ListRoomsRequest(), call).get();
    ASSERT_FALSE(f.ok()) << what;
    scanner_.CollectError(what + " future", f.error());
    std::promise<Error> p;
    client.ListRoomsAsync(ListRoomsRequest(), [&p](Result<ListRoomsResponse> res) {
      p.set_value(res.ok() ? Error(ErrorCode::kOk, "unexpected success") : res.error());
    }, call);
    Error e = p.get_future().get();
    EXPECT_NE(e.code(), ErrorCode::kOk) << what;
    scanner_.CollectError(what + " callback", e);
  }

  SecretScanner scanner_;
  std::shared_ptr<test::ScanningLogger> logger_;
  std::shared_ptr<test::ScanningListener> listener_;
};

CallOptions WithControl(const std::string& control) {
  CallOptions c;
  c.headers.emplace_back("X-Lk-Mock", control);
  return c;
}

// The scanner must itself catch what it is for, or every other test here proves nothing.
TEST(SecretScanner, FindsSecretsTokensAndJwtsAndMasksThem) {
  SecretScanner s;
  s.AddSecret("the-secret-value-123456");
  s.Collect("a", "all fine");
  s.Collect("b", "oops the-secret-value-123456 leaked");
  s.Collect("c", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.sig");
  auto f = s.Findings();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0], "b: oops *** leaked");
  EXPECT_EQ(f[1].find("eyJ"), std::string::npos) << "the report must mask what it found";
  EXPECT_TRUE(SecretScanner::ContainsJwt("x eyJa_-9.eyJb"));
  EXPECT_FALSE(SecretScanner::ContainsJwt("eyJ.eyJ"));
  EXPECT_FALSE(SecretScanner::ContainsJwt("eyJabc eyJdef"));
  EXPECT_FALSE(SecretScanner::ContainsJwt("eyJabc.ey"));
}

TEST_F(SecretsScan, ServerRejectionsAndFailures) {
  MockServerProcess mock(1, {"--api-secret", kSecret});
  // 401: signed with the wrong secret.
  ListRoomsEveryWay("401 wrong secret", Options(mock.url(), kWrongSecret));
  // 401: a pre-signed token that is garbage-signed, sent verbatim.
  {
    ClientOptions o = Options(mock.url());
    o.api_key.clear();
    o.api_secret.clear();
    VideoGrant g;
    g.room_list = true;
    o.token = Token(g, std::chrono::seconds(600), kWrongSecret);
    ListRoomsEveryWay("401 foreign token", o);
  }
  // 403: a pre-signed token without the roomList grant.
  {
    ClientOptions o = Options(mock.url());
    o.api_key.clear();
    o.api_secret.clear();
    VideoGrant g;
    g.room_join = true;
    g.room = "r";
    o.token = Token(g);
    ListRoomsEveryWay("403 missing grant", o);
  }
  ClientOptions o = Options(mock.url());
  ListRoomsEveryWay("500", o, WithControl(R"({"failRegions":[0],"failStatus":500})"));
  ListRoomsEveryWay("503", o, WithControl(R"({"failRegions":[0]})"));
  ListRoomsEveryWay("429", o, WithControl(R"({"failRegions":[0],"failStatus":429})"));
  ListRoomsEveryWay("451", o, WithControl(R"({"pinnedRegions":["region-7"]})"));
  // (A malformed control header is ignored now, not a 400: inject the 400 instead.)
  ListRoomsEveryWay("400", o, WithControl(R"({"failRegions":[0],"failStatus":400})"));
  {
    RoomServiceClient client(o);
    auto r = client.DeleteRoom(DeleteRoomRequest(), WithControl(R"({"failRegions":[0],"failStatus":404})"));
    ASSERT_FALSE(r.ok());
    scanner_.CollectError("404", r.error());
  }
}

TEST_F(SecretsScan, TransportFailuresAndTimeouts) {
  int closed_port = 0;
  {
    RawHttpServer s([](int, const std::atomic<bool>&, RawHttpServer&) {});
    closed_port = s.port();
  }
  ListRoomsEveryWay("refused", Options("http://127.0.0.1:" + std::to_string(closed_port)));
  ListRoomsEveryWay("dns", Options("http://no-such-host.invalid"));
  MockServerProcess mock(1, {"--api-secret", kSecret});
  ClientOptions o = Options(mock.url());
  o.timeout = Ms(300);
  ListRoomsEveryWay("hang timeout", o, WithControl(R"({"failRegions":[0],"failMode":"hang"})"));
  ListRoomsEveryWay("drop", o, WithControl(R"({"failRegions":[0],"failMode":"drop"})"));
  CallOptions deadline = WithControl(R"({"failRegions":[0],"failMode":"hang"})");
  FailoverOptions f = o.failover;
  f.deadline = Ms(200);
  deadline.failover = f;
  ListRoomsEveryWay("deadline", o, deadline);
}

TEST_F(SecretsScan, UnusableOptions) {
  VideoGrant g;
  g.room_join = true;
  g.room = "r";
  const std::string token = Token(g);
  // What a LiveKit client connects to: a URL with the access token in its query.
  ListRoomsEveryWay("token in URL query", Options("wss://project.livekit.cloud/rtc?access_token=" + token));
  ListRoomsEveryWay("token in URL fragment", Options("https://project.livekit.cloud/#" + token));
  ListRoomsEveryWay("secret in URL credentials", Options(std::string("https://scankey:") + kSecret + "@x.livekit.cloud"));
  ListRoomsEveryWay("secret as URL", Options(kSecret));
  ListRoomsEveryWay("token as URL", Options(token));
  ListRoomsEveryWay("bad scheme", Options(std::string("ftp://") + kSecret + ".example"));
  ListRoomsEveryWay("bad port", Options("https://host:" + token));
  ListRoomsEveryWay("space in host", Options("https://ho st/" + token));
  {
    ClientOptions o = Options("http://127.0.0.1:1");
    o.api_key.clear();
    ListRoomsEveryWay("missing key", o);
  }
  {
    ClientOptions o = Options("http://127.0.0.1:1");
    o.api_secret.clear();
    ListRoomsEveryWay("missing secret", o);
  }
  {
    ClientOptions o = Options("http://127.0.0.1:1");
    o.timeout = Ms(0);
    ListRoomsEveryWay("zero timeout", o);
  }
}

TEST_F(SecretsScan, TokenVerificationFailures) {
  VideoGrant g;
  g.room_join = true;
  g.room = "r";
  const std::string good = Token(g);
  const std::string foreign = Token(g, std::chrono::seconds(600), kWrongSecret);
  const std::string other_issuer = Token(g, std::chrono::seconds(600), kSecret, "otherkey");
  const std::string short_lived = Token(g, std::chrono::seconds(1));
  const auto dot1 = good.find('.');
  const auto dot2 = good.rfind('.');
  std::string tampered = good;
  tampered[dot1 + 5] = tampered[dot1 + 5] == 'A' ? 'B' : 'A';
  const std::string alg_none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0" + good.substr(dot1, dot2 - dot1) + ".";
  const std::string bad_sig = good.substr(0, dot2 + 1) + "!!!not-base64!!!";
  const std::string no_sig = good.substr(0, dot2);
  const std::string huge = good + std::string(70 * 1024, 'A');
  const std::string garbage_payload = good.substr(0, dot1) + ".eyJ%%%." + good.substr(dot2 + 1);

  TokenVerifier verifier(kKey, kSecret);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  struct Case {
    const char* what;
    std::string token;
    std::int64_t now;
  };
  const std::vector<Case> cases = {
      {"empty", "", 0},           {"foreign secret", foreign, 0},   {"other issuer", other_issuer, 0},
      {"expired", short_lived, now + 3600},  {"not yet valid", good, now - 3600}, {"tampered", tampered, 0},
      {"alg none", alg_none, 0},  {"bad signature encoding", bad_sig, 0}, {"two parts", no_sig, 0},
      {"too large", huge, 0},     {"garbage payload", garbage_payload, 0}, {"not a jwt", std::string("x.y.z"), 0},
      {"bearer prefix", "Bearer " + good, 0},
  };
  for (const Case& c : cases) {
    TokenVerifier v = verifier;
    if (c.now != 0) v.set_now_for_testing(c.now);
    auto r = v.Verify(c.token);
    ASSERT_FALSE(r.ok()) << c.what;
    scanner_.CollectError(std::string("verify ") + c.what, r.error());
  }
  auto no_secret = TokenVerifier(kKey, "").Verify(good);
  ASSERT_FALSE(no_secret.ok());
  scanner_.CollectError("verify without secret", no_secret.error());
}

TEST_F(SecretsScan, WebhookFailures) {
  const std::string body = R"({"event":"room_started","room":{"name":"r","sid":"RM_1"},"id":"EV_1","createdAt":"1"})";
  AccessToken plain(kKey, kSecret);
  const std::string no_hash = plain.ToJwt().value();
  scanner_.AddSecret(no_hash);
  AccessToken wrong_hash(kKey, kSecret);
  wrong_hash.set_sha256("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  const std::string mismatched = wrong_hash.ToJwt().value();
  scanner_.AddSecret(mismatched);
  AccessToken foreign(kKey, kWrongSecret);
  foreign.set_sha256("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  const std::string foreign_jwt = foreign.ToJwt().value();
  scanner_.AddSecret(foreign_jwt);

  WebhookReceiver receiver(kKey, kSecret);
  struct Case {
    const char* what;
    std::string body;
    std::string auth;
    bool skip_auth;
  };
  const std::vector<Case> cases = {
      {"empty header", body, "", false},
      {"garbage header", body, "garbage", false},
      {"bearer header", body, "Bearer " + no_hash, false},
      {"no sha256 claim", body, no_hash, false},
      {"hash mismatch", body, mismatched, false},
      {"foreign secret", body, foreign_jwt, false},
      {"too large", std::string(2 * 1024 * 1024, ' '), no_hash, false},
      {"invalid json", "{\"event\": \"" + no_hash + "\", ", "", true},
      {"token as body", no_hash, "", true},
      {"wrong type", "{\"room\": \"" + mismatched + "\"}", "", true},
  };
  for (const Case& c : cases) {
    auto r = receiver.Receive(c.body, c.auth, c.skip_auth);
    ASSERT_FALSE(r.ok()) << c.what;
    scanner_.CollectError(std::string("webhook ") + c.what, r.error());
  }
}

TEST_F(SecretsScan, FailoverWithEveryRegionDown) {
  MockServerProcess mock(4, {"--api-secret", kSecret});
  ClientOptions o = Options(mock.url());
  o.failover.force = true;
  o.timeout = Ms(5000);  // the 5 s guard (A3) would switch failover off below this
  RoomServiceClient client(o);
  auto all_down = [&](const std::string& what, const std::string& control, std::optional<Ms> deadline = {}) {
    CallOptions c = WithControl(control);
    if (deadline) {
      FailoverOptions f = o.failover;
      f.deadline = *deadline;
      c.failover = f;
    }
    auto r = client.ListRooms(ListRoomsRequest(), c);
    ASSERT_FALSE(r.ok()) << what;
    scanner_.CollectError(what, r.error());
  };
  all_down("all 503", R"({"failRegions":[0,1,2,3]})");
  o.failover.region_state->Clear();
  all_down("all drop", R"({"failRegions":[0,1,2,3],"failMode":"drop"})");
  o.failover.region_state->Clear();
  all_down("all hang", R"({"failRegions":[0,1,2,3],"failMode":"hang"})", Ms(1500));
  o.failover.region_state->Clear();
  all_down("discovery down", R"({"failRegions":[0,1,2,3],"regionsStatus":500})");
  o.failover.region_state->Clear();
  all_down("pinned nowhere", R"({"pinnedRegions":["region-9"]})");
  // A successful pin redirect logs too.
  o.failover.region_state->Clear();
  auto pinned = client.ListRooms(ListRoomsRequest(), WithControl(R"({"pinnedRegions":["region-2"]})"));
  EXPECT_TRUE(pinned.ok()) << (pinned.ok() ? "" : scanner_.Mask(pinned.error().ToString()));
  EXPECT_GT(logger_->lines(), 0) << "failover must have logged warnings";
}

// A server or proxy that echoes the request (Authorization header included) in its error
// answers, as plain text and as a Twirp error: the token it echoes must not come through.
TEST_F(SecretsScan, ServersEchoingTheRequest) {
  RawHttpServer plain([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    const std::string body = "request was:\n" + s.requests().back();
    s.WriteAll(fd, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  });
  RawHttpServer twirp([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    std::string head = s.requests().back();
    std::string auth = head.substr(head.find("Authorization: "));
    auth = auth.substr(0, auth.find("\r\n"));
    const std::string body = R"({"code":"unauthenticated","msg":"rejected )" + auth +
                             R"(","meta":{"authorization":")" + auth + R"("}})";
    s.WriteAll(fd, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  });
  ClientOptions o = Options(plain.url());
  o.failover.enabled = false;
  ListRoomsEveryWay("plain echo", o);
  ListRoomsEveryWay("twirp echo", Options(twirp.url()));
  // The tokens that were really sent are secrets too.
  for (const RawHttpServer* s : {&plain, &twirp}) {
    for (const std::string& head : s->requests()) {
      auto p = head.find("Authorization: Bearer ");
      ASSERT_NE(p, std::string::npos);
      std::string token = head.substr(p + 22);
      scanner_.AddSecret(token.substr(0, token.find("\r\n")));
    }
  }
}

}  // namespace
}  // namespace livekit
