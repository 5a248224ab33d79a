// ClientOptions resolution: URL schemes, environment fallbacks, credential checks.
#include <gtest/gtest.h>

#include <map>

#include "services/resolved_options.h"
#include "support/fake_environment.h"

namespace livekit::internal {
namespace {

// The variables a test gives, and no others.
EnvLookup Env(std::map<std::string, std::string> vars) { return test::FakeEnvironment(std::move(vars)); }

ClientOptions Keyed(std::string url) {
  ClientOptions o;
  o.url = std::move(url);
  o.api_key = "k";
  o.api_secret = "s";
  return o;
}

TEST(Options, SchemesMapToHttp) {
  auto a = ResolveClientOptions(Keyed("wss://x.livekit.cloud"), Env({}));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->origin, "https://x.livekit.cloud");
  EXPECT_EQ(a->path_prefix, "/twirp");
  auto b = ResolveClientOptions(Keyed("ws://127.0.0.1:7880/"), Env({}));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->origin, "http://127.0.0.1:7880");
  auto c = ResolveClientOptions(Keyed("HTTPS://h:443/base/"), Env({}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->origin, "https://h:443");
  EXPECT_EQ(c->path_prefix, "/base/twirp");
}

TEST(Options, BadUrlsAreInvalidArgument) {
  for (const char* url : {"x.livekit.cloud", "ftp://h", "https://", "https://u:p@h", "http://h:99999", "http://h:abc",
                          "http://h/p?q=1", "http://h h", "http://h:0", "http://h:", "http://[::1", "http://[::1]x",
                          "http://[::1]:0", "http://[::1]:99999"}) {
    auto r = ResolveClientOptions(Keyed(url), Env({}));
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument) << url;
  }
}

TEST(Options, Ipv6HostsKeepTheirBracketsAndPort) {
  auto a = ResolveClientOptions(Keyed("http://[::1]:7880"), Env({}));
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->origin, "http://[::1]:7880");
  auto b = ResolveClientOptions(Keyed("wss://[2001:db8::1]/"), Env({}));
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_EQ(b->origin, "https://[2001:db8::1]");
}

TEST(Options, CustomPrefix) {
  auto o = Keyed("http://h");
  o.twirp_prefix = "rpc/";
  auto r = ResolveClientOptions(o, Env({}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path_prefix, "/rpc");
}

TEST(Options, EnvironmentFillsEmptyMembersOnly) {
  auto r = ResolveClientOptions(ClientOptions{}, Env({{"LIVEKIT_URL", "wss://env.example"},
                                                      {"LIVEKIT_API_KEY", "ek"},
                                                      {"LIVEKIT_API_SECRET", "es"},
                                                      {"LIVEKIT_TOKEN", "et"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->origin, "https://env.example");
  EXPECT_EQ(r->api_key, "ek");
  EXPECT_EQ(r->api_secret, "es");
  EXPECT_TRUE(r->signs_tokens());
  EXPECT_EQ(r->token, "");  // a key pair wins: the token is not used

  ClientOptions given = Keyed("http://given");
  auto g = ResolveClientOptions(given, Env({{"LIVEKIT_URL", "http://env"}, {"LIVEKIT_API_KEY", "ek"}}));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->origin, "http://given");
  EXPECT_EQ(g->api_key, "k");
}

TEST(Options, TokenOnlyWithoutKeyPair) {
  auto r = ResolveClientOptions(ClientOptions{}, Env({{"LIVEKIT_URL", "http://h"}, {"LIVEKIT_TOKEN", "jwt"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->signs_tokens());
  EXPECT_EQ(r->token, "jwt");
}

TEST(Options, MissingPieces) {
  auto no_url = ResolveClientOptions(ClientOptions{}, Env({{"LIVEKIT_TOKEN", "t"}}));
  ASSERT_FALSE(no_url.ok());
  EXPECT_NE(no_url.error().message().find("URL"), std::string::npos);
  auto no_creds = ResolveClientOptions(ClientOptions{}, Env({{"LIVEKIT_URL", "http://h"}}));
  ASSERT_FALSE(no_creds.ok());
  EXPECT_EQ(no_creds.error().code(), ErrorCode::kInvalidArgument);
  auto half = ResolveClientOptions(ClientOptions{}, Env({{"LIVEKIT_URL", "http://h"}, {"LIVEKIT_API_KEY", "k"}}));
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.error().message().find("secret"), std::string::npos);
  EXPECT_EQ(half.error().message().find("LIVEKIT_API_KEY=k"), std::string::npos);
}

TEST(Options, SecretsNeverInErrors) {
  ClientOptions o;
  o.url = "notaurl";
  o.api_key = "key";
  o.api_secret = "supersecretvalue";
  auto r = ResolveClientOptions(o, Env({}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString().find("supersecretvalue"), std::string::npos);
}

}  // namespace
}  // namespace livekit::internal
