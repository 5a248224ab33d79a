// The small policy objects of the failover layer, one rule at a time.

#include <gtest/gtest.h>

#include "common/url.h"
#include "failover/attempt_outcome.h"
#include "failover/backoff.h"
#include "failover/cache_control.h"
#include "failover/discovery.h"
#include "failover/eligibility.h"
#include "failover/health_memory.h"
#include "failover/region_cache.h"
#include "failover/region_list.h"
#include "failover/retry_budget.h"
#include "failover/trust_boundary.h"

namespace livekit::internal {
namespace {

using std::chrono::seconds;
using Ms = std::chrono::milliseconds;

// A6: Cache-Control max-age only, name case-insensitive, no spaces around '='.
TEST(CacheControl, MaxAgeParsing) {
  EXPECT_EQ(ParseMaxAge("max-age=60"), seconds(60));
  EXPECT_EQ(ParseMaxAge("MAX-AGE=60"), seconds(60));
  EXPECT_EQ(ParseMaxAge("public, Max-Age=30, must-revalidate"), seconds(30));
  EXPECT_EQ(ParseMaxAge("s-maxage=60"), seconds(0));
  EXPECT_EQ(ParseMaxAge("s-maxage=60, max-age=5"), seconds(5));
  EXPECT_EQ(ParseMaxAge(""), seconds(0));
  EXPECT_EQ(ParseMaxAge("no-cache"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age=0"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age=-5"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age=abc"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age=10x"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age = 10"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age= 10"), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age="), seconds(0));
  EXPECT_EQ(ParseMaxAge("max-age=99999999999999999999"), seconds(365LL * 24 * 3600));
}

TEST(UrlParts, HostKeyAndSchemes) {
  auto u = ParseUrl("wss://Proj.US-East.LiveKit.Cloud/rtc?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->HostKey(), "proj.us-east.livekit.cloud");
  EXPECT_EQ(ParseUrl("ws://127.0.0.1:7880")->Origin(), "http://127.0.0.1:7880");
  EXPECT_EQ(ParseUrl("https://x.livekit.cloud:443")->HostKey(), "x.livekit.cloud");
  EXPECT_EQ(ParseUrl("http://[::1]:8080/")->HostKey(), "[::1]:8080");
  EXPECT_FALSE(ParseUrl("ftp://x"));
  EXPECT_FALSE(ParseUrl("not a url"));
  EXPECT_FALSE(ParseUrl("http://"));
  EXPECT_FALSE(ParseUrl("http://host:99999"));
  EXPECT_FALSE(ParseUrl("http://user@host"));
}

// A5: ws -> http, wss -> https; entries with no url or an unparseable one are skipped.
TEST(RegionList, ParsesAndSkipsBadEntries) {
  auto list = ParseRegionSettings(R"({"regions":[
    {"region":"a","url":"wss://a.livekit.cloud","distance":"10"},
    {"region":"b"},
    {"region":"c","url":""},
    {"region":"d","url":"::bad::"},
    {"region":"e","url":42},
    {"region":"f","url":"ws://127.0.0.1:9001"}]})");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "a");
  EXPECT_EQ((*list)[0].url.Origin(), "https://a.livekit.cloud");
  EXPECT_EQ((*list)[1].url.Origin(), "http://127.0.0.1:9001");
  EXPECT_EQ((*list)[1].host_key, "127.0.0.1:9001");
  EXPECT_TRUE(ParseRegionSettings("{}")->empty());
  EXPECT_FALSE(ParseRegionSettings("not json"));
  EXPECT_FALSE(ParseRegionSettings(R"({"regions":"x"})"));
}

// A5: discovery forwards every header but Content-Type and Content-Length.
TEST(Discovery, HeaderFilter) {
  HeaderList h = {{"Authorization", "Bearer t"}, {"content-type", "application/json"},
               {"Content-Length", "3"}, {"X-Custom", "1"}, {"User-Agent", "ua"}};
  HeaderList out = DiscoveryHeaders(h);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].first, "Authorization");
  EXPECT_EQ(out[1].first, "X-Custom");
  EXPECT_EQ(out[2].first, "User-Agent");
}

// A1: what is retryable.
TEST(AttemptOutcome, Classification) {
  auto status = [](int s) {
    ExchangeResult r;
    r.response = HttpResponse{};
    r.response->status = s;
    return Classify(r);
  };
  auto error = [](ErrorCode c) {
    ExchangeResult r;
    r.error = Error(c, "x");
    return Classify(r);
  };
  EXPECT_EQ(status(200), AttemptClass::kSuccess);
  EXPECT_EQ(status(500), AttemptClass::kRetryable);
  EXPECT_EQ(status(503), AttemptClass::kRetryable);
  EXPECT_EQ(status(599), AttemptClass::kRetryable);
  EXPECT_EQ(status(400), AttemptClass::kTerminal);
  EXPECT_EQ(status(404), AttemptClass::kTerminal);
  EXPECT_EQ(status(429), AttemptClass::kTerminal);
  EXPECT_EQ(status(451), AttemptClass::kPinned);
  EXPECT_EQ(error(ErrorCode::kTransport), AttemptClass::kRetryable);
  EXPECT_EQ(error(ErrorCode::kTimeout), AttemptClass::kRetryable);
  EXPECT_EQ(error(ErrorCode::kCancelled), AttemptClass::kTerminal);
  EXPECT_EQ(error(ErrorCode::kBadResponse), AttemptClass::kTerminal);
}

// A2, A3, A4, A14.
TEST(Eligibility, Plan) {
  FailoverOptions o;
  auto host = [](const char* u) { return *ParseUrl(u); };
  EXPECT_TRUE(PlanFailover(o, host("https://p.livekit.cloud"), Ms(10000)).failover);
  EXPECT_TRUE(PlanFailover(o, host("https://P.LIVEKIT.CLOUD"), Ms(10000)).failover);
  EXPECT_FALSE(PlanFailover(o, host("https://livekit.cloud.evil.com"), Ms(10000)).failover);
  EXPECT_FALSE(PlanFailover(o, host("https://evil-livekit.cloud"), Ms(10000)).failover);
  EXPECT_EQ(PlanFailover(o, host("http://127.0.0.1:1"), Ms(10000)).why_not, SkipReason::kNotEligible);
  auto api = PlanFailover(o, host("https://cloud-api.livekit.io"), Ms(10000));
  EXPECT_TRUE(api.failover);
  EXPECT_TRUE(api.same_host_only);
  EXPECT_FALSE(PlanFailover(o, host("https://x.cloud-api.livekit.io"), Ms(10000)).same_host_only);
  o.force = true;
  EXPECT_TRUE(PlanFailover(o, host("http://127.0.0.1:1"), Ms(10000)).failover);
  auto short_timeout = PlanFailover(o, host("http://127.0.0.1:1"), Ms(4999));
  EXPECT_FALSE(short_timeout.failover);
  EXPECT_EQ(short_timeout.why_not, SkipReason::kShortTimeout);
  EXPECT_TRUE(PlanFailover(o, host("http://127.0.0.1:1"), Ms(5000)).failover);
  o.max_attempts = 7;
  EXPECT_EQ(PlanFailover(o, host("http://127.0.0.1:1"), Ms(5000)).cap, 3);
  o.max_attempts = 2;
  EXPECT_EQ(PlanFailover(o, host("http://127.0.0.1:1"), Ms(5000)).cap, 2);
  o.max_attempts = 0;
  EXPECT_EQ(PlanFailover(o, host("http://127.0.0.1:1"), Ms(5000)).cap, 1);
  o.max_attempts = 3;
  o.enabled = false;
  EXPECT_EQ(PlanFailover(o, host("https://p.livekit.cloud"), Ms(10000)).why_not, SkipReason::kDisabled);
}

// B7.
TEST(TrustBoundary, Rules) {
  auto u = [](const char* s) { return *ParseUrl(s); };
  EXPECT_FALSE(TrustViolation(u("https://p.livekit.cloud"), u("https://p.eu.livekit.cloud")));
  EXPECT_FALSE(TrustViolation(u("https://p.livekit.cloud"), u("wss://other.livekit.cloud")));
  EXPECT_TRUE(TrustViolation(u("https://p.livekit.cloud"), u("https://evil.example.com")));
  EXPECT_TRUE(TrustViolation(u("https://p.livekit.cloud"), u("https://livekit.cloud.evil.com")));
  EXPECT_TRUE(TrustViolation(u("https://p.livekit.cloud"), u("http://p.eu.livekit.cloud")));
  EXPECT_FALSE(TrustViolation(u("http://127.0.0.1:9000"), u("http://127.0.0.1:9001")));
  EXPECT_TRUE(TrustViolation(u("http://127.0.0.1:9000"), u("http://127.0.0.2:9001")));
  EXPECT_TRUE(TrustViolation(u("https://127.0.0.1:9000"), u("http://127.0.0.1:9001")));
  EXPECT_FALSE(TrustViolation(u("http://127.0.0.1:9000"), u("https://127.0.0.1:9001")));
}

// A10 + B4: 200 ms x 2^n, uniform jitter over [0.5, 1.5] of it, mean on the schedule.
TEST(Backoff, ScheduleAndJitter) {
  EXPECT_EQ(BackoffDelay(0, 0.5), Ms(200));
  EXPECT_EQ(BackoffDelay(1, 0.5), Ms(400));
  EXPECT_EQ(BackoffDelay(2, 0.5), Ms(800));
  EXPECT_EQ(BackoffDelay(0, 0.0), Ms(100));
  EXPECT_EQ(BackoffDelay(1, 0.999), Ms(599));
  DefaultRandomSource rnd;
  double sum = 0;
  double lo = 1, hi = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    double v = rnd.NextUnit();
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += static_cast<double>(BackoffDelay(0, v).count());
  }
  EXPECT_NEAR(sum / n, 200.0, 5.0);
  EXPECT_LT(lo, 0.05);
  EXPECT_GT(hi, 0.95);
  DefaultRandomSource other;  // independent generators, not one global one
  EXPECT_NE(rnd.NextUnit(), other.NextUnit());
}

// B2.
TEST(HealthMemory, CoolDownDoublesAndProbes) {
  HealthMemory h(Ms(30000), Ms(100000));
  auto t0 = SteadyClock::time_point(std::chrono::hours(1));
  EXPECT_EQ(h.Check("a", t0, true), HealthMemory::Verdict::kHealthy);
  auto e = h.RecordFailure("a", t0, false);
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->healthy);
  EXPECT_EQ(e->cool_down, Ms(30000));
  // Concurrent failures while cooling down change nothing.
  EXPECT_FALSE(h.RecordFailure("a", t0 + Ms(10), false));
  EXPECT_EQ(h.Check("a", t0 + Ms(29999), true), HealthMemory::Verdict::kDown);
  // After the cool-down, one caller probes; the others still see it down.
  EXPECT_EQ(h.Check("a", t0 + Ms(30000), false), HealthMemory::Verdict::kProbe);
  EXPECT_EQ(h.Check("a", t0 + Ms(30000), true), HealthMemory::Verdict::kProbe);
  EXPECT_EQ(h.Check("a", t0 + Ms(30001), true), HealthMemory::Verdict::kDown);
  // The probe fails: the cool-down doubles, then is capped.
  e = h.RecordFailure("a", t0 + Ms(30002), false);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cool_down, Ms(60000));
  EXPECT_EQ(e->consecutive_failures, 2);
  e = h.RecordFailure("a", t0 + Ms(100000), false);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->cool_down, Ms(100000));
  // Success restores it.
  EXPECT_TRUE(h.RecordSuccess("a"));
  EXPECT_EQ(h.Check("a", t0 + Ms(100001), true), HealthMemory::Verdict::kHealthy);
  EXPECT_FALSE(h.RecordSuccess("a"));
}

// B5: gRPC-style throttling: allowed while more than half the bucket is left.
TEST(RetryBudget, Throttles) {
  RetryBudget b(10, 0.1);
  EXPECT_TRUE(b.AllowRetry());
  for (int i = 0; i < 4; ++i) b.RecordFailure();
  EXPECT_TRUE(b.AllowRetry());  // 6 > 5
  b.RecordFailure();
  double tokens = 0;
  EXPECT_FALSE(b.AllowRetry(&tokens));  // 5 is not > 5
  EXPECT_DOUBLE_EQ(tokens, 5);
  b.RecordSuccess();
  EXPECT_TRUE(b.AllowRetry());
  for (int i = 0; i < 100; ++i) b.RecordSuccess();
  EXPECT_DOUBLE_EQ(b.tokens(), 10);
}

// A6 + B2: max-age decides freshness; the last known list stays.
TEST(RegionCache, FreshAndLastKnown) {
  RegionCache c;
  auto t0 = SteadyClock::time_point(std::chrono::hours(1));
  RegionList l = *ParseRegionSettings(R"({"regions":[{"region":"a","url":"http://h:1"}]})");
  c.Put("k", l, t0, seconds(0));
  EXPECT_FALSE(c.Fresh("k", t0));
  EXPECT_TRUE(c.LastKnown("k"));
  c.Put("k", l, t0, seconds(60));
  EXPECT_TRUE(c.Fresh("k", t0 + seconds(59)));
  EXPECT_FALSE(c.Fresh("k", t0 + seconds(60)));
  EXPECT_EQ(c.LastKnown("k")->regions.size(), 1u);
  EXPECT_FALSE(c.LastKnown("other"));
}

}  // namespace
}  // namespace livekit::internal
