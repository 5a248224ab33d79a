// The one duration reader of lkcpp's flags (tools/cli/duration.h).
#include "duration.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using lkcpp::AddDurationOption;
using lkcpp::DurationRules;
using lkcpp::FormatDuration;
using lkcpp::ParseDuration;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

milliseconds Parsed(const std::string& text, const DurationRules& rules = {}) {
  auto r = ParseDuration(text, rules);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error().message();
  return r.ok() ? *r : milliseconds(-1);
}

std::string Refusal(const std::string& text, const DurationRules& rules = {}) {
  auto r = ParseDuration(text, rules);
  EXPECT_FALSE(r.ok()) << text << " was read as " << (r.ok() ? r->count() : 0) << " ms";
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code(), livekit::ErrorCode::kInvalidArgument);
  return r.error().message();
}

TEST(DurationTest, ReadsEveryUnitAndCombinations) {
  EXPECT_EQ(Parsed("500ms"), milliseconds(500));
  EXPECT_EQ(Parsed("5s"), seconds(5));
  EXPECT_EQ(Parsed("5m"), minutes(5));
  EXPECT_EQ(Parsed("2h"), hours(2));
  EXPECT_EQ(Parsed("2d"), hours(48));
  EXPECT_EQ(Parsed("1h30m"), minutes(90));
  EXPECT_EQ(Parsed("1m30s250ms"), milliseconds(90250));
  EXPECT_EQ(Parsed("1.5s"), milliseconds(1500));
  EXPECT_EQ(Parsed("0.25h"), minutes(15));
}

TEST(DurationTest, APlainNumberIsInTheFlagsUnit) {
  EXPECT_EQ(Parsed("600"), seconds(600));
  EXPECT_EQ(Parsed("2.5"), milliseconds(2500));
  DurationRules in_ms;
  in_ms.bare_unit = milliseconds(1);
  EXPECT_EQ(Parsed("250", in_ms), milliseconds(250));
}

TEST(DurationTest, RefusesWhatItCannotRead) {
  for (const char* text : {"", "soon", "5x", "5 m", " 5m", "5m ", "m", "1.s", ".s", "5M", "5sec", "1h30", "30m1h",
                           "5m5m", "1e3", "+5s", "5s-", "0x10"}) {
    EXPECT_NE(Refusal(text).find("cannot read \"" + std::string(text) + "\" as a duration"), std::string::npos) << text;
  }
  EXPECT_NE(Refusal("5x").find("unknown unit \"x\""), std::string::npos);
  EXPECT_NE(Refusal("-5s").find("negative"), std::string::npos);
  EXPECT_NE(Refusal("1.0005s").find("finer than a millisecond"), std::string::npos);
}

TEST(DurationTest, TheMessageSaysWhatIsExpected) {
  const std::string message = Refusal("soon");
  EXPECT_NE(message.find("90s"), std::string::npos) << message;
  EXPECT_NE(message.find("1h30m"), std::string::npos) << message;
  EXPECT_NE(message.find("plain number is seconds"), std::string::npos) << message;
}

TEST(DurationTest, ZeroOnlyWhereAllowed) {
  EXPECT_NE(Refusal("0").find("more than zero"), std::string::npos);
  EXPECT_NE(Refusal("0s").find("more than zero"), std::string::npos);
  DurationRules zero_ok;
  zero_ok.allow_zero = true;
  EXPECT_EQ(Parsed("0", zero_ok), milliseconds(0));
  EXPECT_EQ(Parsed("0ms", zero_ok), milliseconds(0));
}

TEST(DurationTest, HugeValuesAreRefusedNotWrapped) {
  DurationRules rules;
  rules.max = hours(1);
  EXPECT_EQ(Parsed("1h", rules), hours(1));
  EXPECT_NE(Refusal("1h1ms", rules).find("too large (at most 1h)"), std::string::npos);
  for (const char* text : {"99999999999999999999999", "9223372036854775807ms", "9223372036854775807d",
                           "106751991167300d", "1000000000000000000000000000000s"}) {
    EXPECT_NE(Refusal(text).find("too large"), std::string::npos) << text;
  }
}

TEST(DurationTest, WholeSecondsWhereTheValueIsKeptInSeconds) {
  DurationRules whole_seconds;
  whole_seconds.resolution = seconds(1);
  EXPECT_EQ(Parsed("90s", whole_seconds), seconds(90));
  EXPECT_NE(Refusal("1500ms", whole_seconds).find("whole number of seconds"), std::string::npos);
  EXPECT_NE(Refusal("1.5", whole_seconds).find("whole number of seconds"), std::string::npos);
}

TEST(DurationTest, FormatReadsBack) {
  for (milliseconds d : {milliseconds(0), milliseconds(1), milliseconds(500), milliseconds(90250), milliseconds(minutes(90)),
                         milliseconds(hours(6)), milliseconds(hours(24 * 3650))}) {
    DurationRules rules;
    rules.allow_zero = true;
    EXPECT_EQ(Parsed(FormatDuration(d), rules), d) << FormatDuration(d);
  }
  EXPECT_EQ(FormatDuration(minutes(90)), "1h30m");
  EXPECT_EQ(FormatDuration(milliseconds(500)), "500ms");
}

TEST(DurationTest, AFlagStoresTheValueOrFailsNamingItself) {
  CLI::App app;
  milliseconds ttl = hours(6);
  AddDurationOption(&app, "--ttl", ttl, DurationRules{}, "Time to live");
  EXPECT_NE(app.help().find("6h"), std::string::npos) << app.help();  // the default shown

  std::vector<std::string> args = {"5m", "--ttl"};  // CLI11 reads them back to front
  app.parse(args);
  EXPECT_EQ(ttl, minutes(5));

  args = {"5x", "--ttl"};
  try {
    app.parse(args);
    FAIL() << "5x was accepted";
  } catch (const CLI::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("--ttl"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("unknown unit \"x\""), std::string::npos) << e.what();
  }
}

}  // namespace
