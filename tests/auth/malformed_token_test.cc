// A fuzz-style table of bad tokens: each must be refused with kUnauthenticated and a message
// naming the cause, without quoting the token or the secret, and nothing may crash.
#include <gtest/gtest.h>

#include <random>

#include "support/token_forge.h"
#include "common/base64.h"
#include "livekit/access_token.h"
#include "livekit/token_verifier.h"

namespace livekit {
namespace {

constexpr char kSecret[] = "s3cr3t-value-never-shown";
constexpr std::int64_t kNow = 1'800'000'000;
const std::string kGoodPayload = R"({"iss":"key","sub":"a","nbf":1799999990,"exp":1800000600})";
const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";

struct BadToken {
  const char* name;
  std::string token;
  const char* expected;  // a substring of the error message
};

std::vector<BadToken> Table() {
  using internal::Base64UrlEncode;
  const std::string good = test::Forge(kHs256, kGoodPayload, kSecret);
  const std::string h = Base64UrlEncode(kHs256);
  const std::string p = Base64UrlEncode(kGoodPayload);
  return {
      {"empty", "", "malformed"},
      {"one segment", "abc", "expected 3 dot-separated segments, found 1"},
      {"two segments", h + "." + p, "found 2"},
      {"four segments", good + ".x", "found 4"},
      {"empty header", "." + p + ".sig", "empty header"},
      {"empty payload", h + "..sig", "empty header or payload"},
      {"header bad base64", test::SignRaw("e*J." + p, kSecret), "header is not valid base64url"},
      {"header padded", test::SignRaw(h + "==." + p, kSecret), "header is not valid base64url"},
      {"header bad JSON", test::Forge("{\"alg\":", kGoodPayload, kSecret), "header is not valid JSON"},
      {"header not object", test::Forge("[\"HS256\"]", kGoodPayload, kSecret), "header is not a JSON object"},
      {"header without alg", test::Forge(R"({"typ":"JWT"})", kGoodPayload, kSecret), "no alg"},
      {"alg not string", test::Forge(R"({"alg":256})", kGoodPayload, kSecret), "no alg"},
      {"alg none", Base64UrlEncode(R"({"alg":"none"})") + "." + p + ".", "\"none\""},
      {"alg none signed", test::Forge(R"({"alg":"none"})", kGoodPayload, kSecret), "unsupported algorithm \"none\""},
      {"alg HS384", test::Forge(R"({"alg":"HS384"})", kGoodPayload, kSecret), "unsupported algorithm \"HS384\""},
      {"alg HS512", test::Forge(R"({"alg":"HS512"})", kGoodPayload, kSecret), "unsupported algorithm \"HS512\""},
      {"alg RS256", test::Forge(R"({"alg":"RS256"})", kGoodPayload, kSecret), "unsupported algorithm \"RS256\""},
      {"alg ES256", test::Forge(R"({"alg":"ES256"})", kGoodPayload, kSecret), "unsupported algorithm \"ES256\""},
      {"alg lower case", test::Forge(R"({"alg":"hs256"})", kGoodPayload, kSecret), "unsupported algorithm"},
      {"crit header", test::Forge(R"({"alg":"HS256","crit":["b64"]})", kGoodPayload, kSecret), "crit"},
      {"empty signature", h + "." + p + ".", "signature segment is empty"},
      {"signature bad base64", h + "." + p + ".!!!!", "signature is not valid base64url"},
      {"signature truncated", good.substr(0, good.size() - 3), "bad signature"},
      {"signature cut mid-byte", good.substr(0, good.size() - 4), "signature"},
      {"signature flipped", good.substr(0, good.size() - 1) + (good.back() == 'A' ? "B" : "A"), "bad signature"},
      {"wrong key", test::Forge(kHs256, kGoodPayload, "another-secret"), "bad signature"},
      {"payload tampered", h + "." + Base64UrlEncode(R"({"iss":"key","sub":"root","exp":1800000600})") +
                               good.substr(good.rfind('.')), "bad signature"},
      {"payload bad base64", test::SignRaw(h + ".e*J", kSecret), "payload is not valid base64url"},
      {"payload bad JSON", test::Forge(kHs256, R"({"iss":"key",)", kSecret), "payload is not valid JSON"},
      {"payload not object", test::Forge(kHs256, "[1,2]", kSecret), "payload is not a JSON object"},
      {"payload string", test::Forge(kHs256, "\"x\"", kSecret), "payload is not a JSON object"},
      {"iss not string", test::Forge(kHs256, R"({"iss":1,"exp":1800000600})", kSecret), "iss is not a string"},
      {"exp not number", test::Forge(kHs256, R"({"iss":"key","exp":"soon"})", kSecret), "exp is not a number"},
      {"exp huge", test::Forge(kHs256, R"({"iss":"key","exp":1e300})", kSecret), "exp is out of range"},
      {"exp unsigned huge", test::Forge(kHs256, R"({"iss":"key","exp":18446744073709551615})", kSecret),
       "exp is out of range"},
      {"video not object", test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"video":true})", kSecret),
       "video is not an object"},
      {"grant not bool", test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"video":{"roomJoin":"yes"}})", kSecret),
       "video.roomJoin is not a boolean"},
      {"sources not array",
       test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"video":{"canPublishSources":"camera"}})", kSecret),
       "canPublishSources is not an array"},
      {"sip not object", test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"sip":[]})", kSecret),
       "sip is not an object"},
      {"attributes not strings",
       test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"attributes":{"a":1}})", kSecret), "attributes"},
      {"roomConfig wrong type",
       test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"roomConfig":{"emptyTimeout":"x"}})", kSecret),
       "roomConfig"},
      {"no exp", test::Forge(kHs256, R"({"iss":"key","sub":"a"})", kSecret), "missing exp"},
      {"wrong issuer", test::Forge(kHs256, R"({"iss":"other","exp":1800000600})", kSecret), "wrong issuer"},
      {"no issuer", test::Forge(kHs256, R"({"exp":1800000600})", kSecret), "wrong issuer"},
      {"expired", test::Forge(kHs256, R"({"iss":"key","exp":1799999000})", kSecret), "expired"},
      {"not yet valid", test::Forge(kHs256, R"({"iss":"key","nbf":1800000100,"exp":1800000600})", kSecret),
       "not yet valid"},
      {"deeply nested payload",
       test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"x":)" + std::string(20000, '[') +
                                  std::string(20000, ']') + "}", kSecret),
       "nested too deeply"},
      {"deeply nested header",
       test::Forge("{\"x\":" + std::string(20000, '[') + std::string(20000, ']') + "}", kGoodPayload, kSecret),
       "no alg"},
      {"huge", std::string(TokenVerifier::kMaxTokenBytes + 1, 'a'), "too large"},
      {"huge but well formed",
       test::Forge(kHs256, R"({"iss":"key","exp":1800000600,"metadata":")" + std::string(70000, 'm') + "\"}",
                      kSecret),
       "too large"},
  };
}

TEST(MalformedTokenTest, EachIsRefusedWithItsReason) {
  TokenVerifier v("key", kSecret);
  v.set_now_for_testing(kNow);
  ASSERT_TRUE(v.Verify(test::Forge(kHs256, kGoodPayload, kSecret)).ok());
  for (const auto& bad : Table()) {
    auto r = v.Verify(bad.token);
    ASSERT_FALSE(r.ok()) << bad.name;
    EXPECT_EQ(r.error().code(), ErrorCode::kUnauthenticated) << bad.name;
    EXPECT_NE(r.error().message().find(bad.expected), std::string::npos)
        << bad.name << ": got \"" << r.error().message() << "\"";
    EXPECT_EQ(r.error().message().find(kSecret), std::string::npos) << bad.name;
    if (bad.token.size() > 8) {
      EXPECT_EQ(r.error().message().find(bad.token), std::string::npos) << bad.name;
    }
  }
}

TEST(MalformedTokenTest, AlgorithmNameIsSanitisedInMessages) {
  TokenVerifier v("key", kSecret);
  auto r = v.Verify(test::Forge(R"({"alg":"evil\n\"name\u0001 that goes on and on and on and on"})",
                                   kGoodPayload, kSecret));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message().find('\n'), std::string::npos);
  EXPECT_LT(r.error().message().size(), 120u);
}

// Random mutations of a valid token: every one must be refused (or be the original) and
// none may crash; run under the sanitizers, this is the fuzz part.
TEST(MalformedTokenTest, RandomMutationsNeverCrashNorPass) {
  TokenVerifier v("key", kSecret);
  v.set_now_for_testing(kNow);
  const std::string good = test::Forge(kHs256, kGoodPayload, kSecret);
  std::mt19937 rng(12345);  // fixed seed: failures reproduce
  const std::string alphabet = "ABCxyz019-_.=+/{}\"\\ \x01\xff";
  for (int i = 0; i < 3000; ++i) {
    std::string t = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % t.size();
      switch (rng() % 3) {
        case 0: t[pos] = alphabet[rng() % alphabet.size()]; break;
        case 1: t.erase(pos, 1 + rng() % 3); break;
        default: t.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (t.empty()) t = "x";
    }
    auto r = v.Verify(t);
    if (t == good) continue;
    // The decoder accepts one spelling per byte string, so any textual change must fail.
    ASSERT_FALSE(r.ok()) << "mutation " << i << " accepted";
    EXPECT_EQ(r.error().code(), ErrorCode::kUnauthenticated);
    EXPECT_FALSE(r.error().message().empty());
  }
}

}  // namespace
}  // namespace livekit
