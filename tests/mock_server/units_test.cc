// The mock server's pieces without sockets: options, control header, populated responses.

#include <gtest/gtest.h>

#include <map>

#include "control_header.h"
#include "livekit_egress.pb.h"
#include "livekit_room.pb.h"
#include "options.h"
#include "populated_response.h"

namespace livekit::mock {
namespace {

ParsedOptions Parse(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
  return ParseOptions(args, [env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST(OptionsTest, DefaultsMatchTheOfficialServerExceptBind) {
  const ParsedOptions p = Parse({});
  ASSERT_EQ(p.action, ParsedOptions::Action::kRun);
  EXPECT_EQ(p.options.ports, (std::vector<std::uint16_t>{9999, 10000, 10001, 10002}));
  EXPECT_EQ(p.options.advertise_host, "http://127.0.0.1");
  EXPECT_EQ(p.options.bind, "127.0.0.1");
  EXPECT_EQ(p.options.twirp_prefix, "/twirp");
  EXPECT_EQ(p.options.api_secret, "secret");
}

TEST(OptionsTest, FlagsWinOverEnvironment) {
  const ParsedOptions p = Parse({"--ports=1,2", "--bind", "0.0.0.0", "--twirp-prefix", "api/"},
                                {{"LK_TEST_SERVER_PORTS", "5,6,7"}, {"LK_TEST_SERVER_API_SECRET", "envsecret"},
                                 {"LK_TEST_SERVER_ADVERTISE_HOST", "http://host/"}});
  ASSERT_EQ(p.action, ParsedOptions::Action::kRun) << p.error;
  EXPECT_EQ(p.options.ports, (std::vector<std::uint16_t>{1, 2}));
  EXPECT_EQ(p.options.bind, "0.0.0.0");
  EXPECT_EQ(p.options.twirp_prefix, "/api");
  EXPECT_EQ(p.options.api_secret, "envsecret");
  EXPECT_EQ(p.options.advertise_host, "http://host");
}

TEST(OptionsTest, ErrorsAndHelp) {
  EXPECT_EQ(Parse({"--help"}).action, ParsedOptions::Action::kHelp);
  EXPECT_EQ(Parse({"-h"}).action, ParsedOptions::Action::kHelp);
  EXPECT_EQ(Parse({"--ports", "1,x"}).action, ParsedOptions::Action::kError);
  EXPECT_EQ(Parse({"--ports", ""}).action, ParsedOptions::Action::kError);
  EXPECT_EQ(Parse({"--threads", "0"}).action, ParsedOptions::Action::kError);
  EXPECT_EQ(Parse({"positional"}).action, ParsedOptions::Action::kError);
  EXPECT_EQ(Parse({}, {{"LK_TEST_SERVER_PORTS", "nope"}}).action, ParsedOptions::Action::kError);
}

TEST(OptionsTest, ServicesChoosesWhichHostTheMockPlays) {
  EXPECT_EQ(Parse({}).options.services, Services::kAll);
  EXPECT_EQ(Parse({"--services", "agents"}).options.services, Services::kAgents);
  EXPECT_EQ(Parse({}, {{"LK_TEST_SERVER_SERVICES", "project"}}).options.services, Services::kProject);
  EXPECT_EQ(Parse({"--services=everything"}).action, ParsedOptions::Action::kError);
  EXPECT_TRUE(Serves(Services::kAll, Host::kAgents));
  EXPECT_TRUE(Serves(Services::kAgents, Host::kAgents));
  EXPECT_FALSE(Serves(Services::kAgents, Host::kProject));
  EXPECT_FALSE(Serves(Services::kProject, Host::kAgents));
  EXPECT_TRUE(Serves(Services::kProject, Host::kProject));
}

TEST(OptionsTest, TlsFlagsSwitchTheAdvertisedSchemeToHttps) {
  const ParsedOptions plain = Parse({});
  EXPECT_FALSE(plain.options.tls());
  const ParsedOptions p = Parse({"--tls-cert", "c.pem"}, {{"LK_TEST_SERVER_TLS_KEY", "k.pem"}});
  ASSERT_EQ(p.action, ParsedOptions::Action::kRun) << p.error;
  EXPECT_TRUE(p.options.tls());
  EXPECT_EQ(p.options.tls_cert, "c.pem");
  EXPECT_EQ(p.options.tls_key, "k.pem");
  EXPECT_EQ(p.options.advertise_host, "https://127.0.0.1");
  EXPECT_EQ(p.options.tls_handshake_timeout_ms, 5000);
  // An explicit base URL is kept, even http:// (tests of the client's trust boundary use it).
  const ParsedOptions e = Parse({"--tls-cert=c.pem", "--tls-key=k.pem", "--advertise-host", "http://127.0.0.1",
                                 "--tls-handshake-timeout", "250"});
  ASSERT_EQ(e.action, ParsedOptions::Action::kRun) << e.error;
  EXPECT_EQ(e.options.advertise_host, "http://127.0.0.1");
  EXPECT_EQ(e.options.tls_handshake_timeout_ms, 250);
  EXPECT_EQ(Parse({"--tls-cert", "c.pem"}).action, ParsedOptions::Action::kError);  // key missing
  EXPECT_EQ(Parse({"--tls-key", "k.pem"}).action, ParsedOptions::Action::kError);   // cert missing
  EXPECT_EQ(Parse({"--tls-cert=c", "--tls-key=k", "--tls-handshake-timeout", "0"}).action,
            ParsedOptions::Action::kError);
}

TEST(OptionsTest, RegionUrlsNameOneUrlPerPort) {
  const ParsedOptions p = Parse({"--ports", "0,0", "--region-urls", "https://127.0.0.1:8443/,https://127.0.0.1:8444"});
  ASSERT_EQ(p.action, ParsedOptions::Action::kRun) << p.error;
  EXPECT_EQ(p.options.region_urls, (std::vector<std::string>{"https://127.0.0.1:8443", "https://127.0.0.1:8444"}));
  const ParsedOptions count = Parse({"--ports", "0,0,0", "--region-urls", "https://127.0.0.1:8443,https://127.0.0.1:8444"});
  EXPECT_EQ(count.action, ParsedOptions::Action::kError);
  EXPECT_NE(count.error.find("one per port"), std::string::npos) << count.error;
  const ParsedOptions scheme = Parse({"--ports", "0", "--region-urls", "127.0.0.1:8443"});
  EXPECT_EQ(scheme.action, ParsedOptions::Action::kError);
  EXPECT_NE(scheme.error.find("127.0.0.1:8443"), std::string::npos) << scheme.error;
  EXPECT_EQ(Parse({"--ports", "0", "--region-urls", "https://"}).action, ParsedOptions::Action::kError);
}

TEST(ControlHeaderUnitTest, DefaultsAndFields) {
  boost::beast::http::fields h;
  std::vector<std::string> ignored;
  MockControl c = ParseControl(h, &ignored);
  EXPECT_TRUE(ignored.empty());
  EXPECT_FALSE(c.FailsRegion(0));
  EXPECT_EQ(c.EffectiveFailStatus(), 503);
  EXPECT_TRUE(c.AllowsRegion("region-7"));

  h.set("X-Lk-Mock",
        R"({"failRegions":[1,"3"],"failMode":"hang","failStatus":429,"delayMs":12,"skipAuth":true,)"
        R"("sipStatus":{"code":486,"status":"Busy"},"pinnedRegions":["region-1"],"regionsStatus":500})");
  c = ParseControl(h, &ignored);
  EXPECT_TRUE(ignored.empty()) << ignored.front();
  EXPECT_TRUE(c.FailsRegion(1));
  EXPECT_TRUE(c.FailsRegion(3));
  EXPECT_FALSE(c.FailsRegion(0));
  EXPECT_EQ(c.fail_mode, FailMode::kHang);
  EXPECT_EQ(c.EffectiveFailStatus(), 429);
  EXPECT_EQ(*c.delay_ms, 12);
  EXPECT_TRUE(c.skip_auth);
  EXPECT_EQ(c.sip_status->code, 486);
  EXPECT_EQ(c.sip_status->status, "Busy");
  EXPECT_FALSE(c.AllowsRegion("region-0"));
  EXPECT_EQ(*c.regions_status, 500);
}

// Found by tests/fuzz (mock_control_header): a JSON number outside long long's range was
// cast directly (undefined; on x86 it became INT64_MIN, so a huge delayMs was refused).
TEST(ControlHeaderUnitTest, OutOfRangeNumbersAreClamped) {
  boost::beast::http::fields h;
  std::vector<std::string> ignored;
  h.set("X-Lk-Mock", R"({"failStatus":1e300,"delayMs":1e300,"failRegions":[-1e300,1e300],"regionsStatus":-1e300})");
  MockControl c = ParseControl(h, &ignored);
  EXPECT_TRUE(ignored.empty());
  EXPECT_EQ(c.EffectiveFailStatus(), 503);  // clamped far outside 100..599
  EXPECT_EQ(*c.delay_ms, kMaxDelayMs);
  EXPECT_TRUE(c.FailsRegion(-1));
  EXPECT_TRUE(c.FailsRegion(1 << 20));
  EXPECT_EQ(*c.regions_status, -1);
  h.set("X-Lk-Mock", R"({"delayMs":-1e300})");
  c = ParseControl(h, &ignored);
  EXPECT_FALSE(c.delay_ms);  // ignored, not clamped to zero
  ASSERT_EQ(ignored.size(), 1u);
}

// Like LiveKit's test server, a control value the mock cannot read is dropped on its own:
// the other fields still apply, and each drop is reported.
TEST(ControlHeaderUnitTest, AFieldOfTheWrongTypeIsDroppedAlone) {
  boost::beast::http::fields h;
  std::vector<std::string> ignored;
  h.set("X-Lk-Mock", R"({"failRegions":[2],"failMode":"explode","delayMs":"soon","sipStatus":486})");
  MockControl c = ParseControl(h, &ignored);
  EXPECT_TRUE(c.FailsRegion(2));
  EXPECT_EQ(c.fail_mode, FailMode::kStatus);
  EXPECT_FALSE(c.delay_ms);
  EXPECT_FALSE(c.sip_status);
  ASSERT_EQ(ignored.size(), 3u);
  EXPECT_NE(ignored[0].find("failMode"), std::string::npos) << ignored[0];
  EXPECT_NE(ignored[1].find("delayMs"), std::string::npos) << ignored[1];
  EXPECT_NE(ignored[2].find("sipStatus"), std::string::npos) << ignored[2];

  // Not JSON at all: ignored whole; a legacy header it overrides would still apply.
  h.set("X-Lk-Mock-Fail-Regions", "1");
  h.set("X-Lk-Mock", "{not json");
  ignored.clear();
  c = ParseControl(h, &ignored);
  EXPECT_TRUE(c.FailsRegion(1));
  ASSERT_EQ(ignored.size(), 1u);
  EXPECT_EQ(ignored[0], "X-Lk-Mock: not valid JSON");

  // A legacy header it cannot read, likewise.
  h.erase("X-Lk-Mock");
  h.set("X-Lk-Mock-Fail-Regions", "one");
  h.set("X-Lk-Mock-Delay-Ms", "-3");
  ignored.clear();
  c = ParseControl(h, &ignored);
  EXPECT_FALSE(c.fail_regions);
  EXPECT_FALSE(c.delay_ms);
  EXPECT_EQ(ignored.size(), 2u);
  // Null: nothing to report.
  EXPECT_FALSE(ParseControl(h, nullptr).fail_regions);
}

Room Populate(const google::protobuf::Message* request) {
  Room room;
  PopulateResponse(request, &room);
  return room;
}

TEST(PopulatedResponseUnitTest, FourRules) {
  CreateRoomRequest req;
  req.set_name("r1");
  req.set_node_id("N_1");  // not in Room: ignored
  const Room room = Populate(&req);
  EXPECT_EQ(room.name(), "r1");
  EXPECT_EQ(room.sid(), "MOCK_SID");
  EXPECT_EQ(room.enabled_codecs_size(), 1);
  EXPECT_FALSE(room.has_version());
  // No request: ids only.
  EXPECT_EQ(Populate(nullptr).name(), "");

  EgressInfo info;
  StopEgressRequest stop;
  stop.set_egress_id("EG_1");
  PopulateResponse(&stop, &info);
  EXPECT_EQ(info.egress_id(), "EG_1");
  EXPECT_EQ(info.room_id(), "MOCK_ROOM_ID");
  EXPECT_EQ(info.room_name(), "");
}

}  // namespace
}  // namespace livekit::mock
