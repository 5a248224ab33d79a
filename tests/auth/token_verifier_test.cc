#include "livekit/token_verifier.h"

#include <gtest/gtest.h>

#include <thread>

#include "support/token_forge.h"
#include "livekit/access_token.h"

namespace livekit {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

std::string TokenWithTimes(std::int64_t nbf, std::int64_t exp, const std::string& iss = "key") {
  return test::Forge(R"({"alg":"HS256","typ":"JWT"})",
                        R"({"iss":")" + iss + R"(","sub":"a","nbf":)" + std::to_string(nbf) +
                            R"(,"exp":)" + std::to_string(exp) + "}",
                        "secret");
}

TEST(TokenVerifierTest, AcceptsValidTokenAtFixedClock) {
  TokenVerifier v("key", "secret");
  v.set_now_for_testing(kNow);
  auto c = v.Verify(TokenWithTimes(kNow - 5, kNow + 60));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c->identity, "a");
  EXPECT_EQ(*c->not_before, kNow - 5);
  EXPECT_EQ(*c->expires_at, kNow + 60);
}

TEST(TokenVerifierTest, ExpiryAndNotBeforeHonourLeeway) {
  TokenVerifier v("key", "secret");
  v.set_now_for_testing(kNow);  // default leeway 10 s
  EXPECT_TRUE(v.Verify(TokenWithTimes(kNow - 100, kNow - 9)).ok());
  auto expired = v.Verify(TokenWithTimes(kNow - 100, kNow - 10));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_NE(expired.error().message().find("expired"), std::string::npos);

  EXPECT_TRUE(v.Verify(TokenWithTimes(kNow + 10, kNow + 100)).ok());
  auto early = v.Verify(TokenWithTimes(kNow + 11, kNow + 100));
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message().find("not yet valid"), std::string::npos);

  v.set_leeway(std::chrono::seconds(0));
  EXPECT_FALSE(v.Verify(TokenWithTimes(kNow - 100, kNow)).ok());
  EXPECT_FALSE(v.Verify(TokenWithTimes(kNow + 1, kNow + 100)).ok());
}

TEST(TokenVerifierTest, RejectsWrongIssuerAndWrongSecret) {
  TokenVerifier v("key", "secret");
  v.set_now_for_testing(kNow);
  auto wrong_iss = v.Verify(TokenWithTimes(kNow, kNow + 60, "otherkey"));
  ASSERT_FALSE(wrong_iss.ok());
  EXPECT_NE(wrong_iss.error().message().find("wrong issuer"), std::string::npos);

  TokenVerifier other("key", "another-secret");
  other.set_now_for_testing(kNow);
  auto bad_sig = other.Verify(TokenWithTimes(kNow, kNow + 60));
  ASSERT_FALSE(bad_sig.ok());
  EXPECT_NE(bad_sig.error().message().find("bad signature"), std::string::npos);
}

TEST(TokenVerifierTest, AcceptsFractionalTimesAndNodeStyleHeader) {
  TokenVerifier v("key", "secret");
  v.set_now_for_testing(kNow);
  auto c = v.Verify(test::Forge(R"({"alg":"HS256"})",
                                   R"({"iss":"key","exp":1800000060.75,"nbf":1799999999.5,"jti":"x"})", "secret"));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(*c->expires_at, kNow + 60);
  EXPECT_EQ(*c->not_before, kNow - 1);
}

// Found by tests/fuzz (token_verify): RapidJSON 1.1.0 read a zero with an exponent (0e3) as
// a garbage double, so such a time claim was refused as out of range or read as a random time.
TEST(TokenVerifierTest, ZeroWithAnExponentIsZero) {
  TokenVerifier v("key", "secret");
  v.set_now_for_testing(kNow);
  auto c = v.Verify(test::Forge(R"({"alg":"HS256"})", R"({"iss":"key","exp":1800000060,"nbf":0e3})", "secret"));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(*c->not_before, 0);
  auto expired = v.Verify(test::Forge(R"({"alg":"HS256"})", R"({"iss":"key","exp":-0.0E300})", "secret"));
  ASSERT_FALSE(expired.ok());
  EXPECT_NE(expired.error().message().find("expired"), std::string::npos) << expired.error().message();
  // RapidJSON read past its table of powers of ten for this one (found by tests/fuzz).
  EXPECT_FALSE(
      v.Verify(test::Forge(R"({"alg":"HS256"})", R"({"iss":"key","exp":99999999999999999999999990E308})", "secret"))
          .ok());
}

TEST(TokenVerifierTest, RefusesWithoutCredentials) {
  ::unsetenv("LIVEKIT_API_KEY");
  ::unsetenv("LIVEKIT_API_SECRET");
  auto r = TokenVerifier().Verify(TokenWithTimes(kNow, kNow + 60));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
}

TEST(TokenVerifierTest, OneVerifierSharedAcrossThreads) {
  const TokenVerifier v("key", "secret");
  const std::string good = AccessToken("key", "secret").set_identity("t").ToJwt().value();
  const std::string bad = AccessToken("key", "nope").set_identity("t").ToJwt().value();
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        if (!v.Verify(good).ok()) ++wrong[t];
        if (v.Verify(bad).ok()) ++wrong[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace livekit
