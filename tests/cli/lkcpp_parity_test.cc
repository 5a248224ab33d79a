// lkcpp's everyday API commands (the lk subset) end to end: the real binary against a real
// lk-mock-server. For every command: success with the populated response in --json, a server
// rejection (exit 3), an unreachable server (exit 4), a usage error (exit 2), and --help.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "support/lkcpp_runner.h"

namespace {

using livekit::test::MockServerProcess;
using livekit::test::Lkcpp;
using Args = std::vector<std::string>;

// The mock makes dialing methods (sip participant transfer) take a phone's ringing time;
// the tests do not need to wait for it.
constexpr char kNoRinging[] = R"(X-Lk-Mock: {"delayMs":0})";

struct Command {
  Args args;                                  ///< a call that succeeds
  std::map<std::string, std::string> expect;  ///< JSON pointer -> value in the --json output
  Args usage_error;                           ///< the same command, misused
  Args help_mentions;                         ///< options and arguments its --help names
};

// Every API command lkcpp offers. The first word(s) up to the first argument form its name.
const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      // rooms
      {{"room", "list"}, {{"/rooms/0/sid", "MOCK_SID"}}, {"room", "list", "--bogus"}, {"--name"}},
      {{"room", "create", "r1", "--metadata", "m1"},
       {{"/name", "r1"}, {"/sid", "MOCK_SID"}, {"/metadata", "m1"}},
       {"room", "create"},
       {"--empty-timeout", "--max-participants", "--metadata"}},
      {{"room", "update", "r1", "--metadata", "m2"},
       {{"/sid", "MOCK_SID"}, {"/metadata", "m2"}},
       {"room", "update", "r1"},
       {"--metadata", "name"}},
      {{"room", "delete", "r1"}, {}, {"room", "delete"}, {"name"}},
      // participants
      {{"participant", "list", "r1"}, {{"/participants/0/sid", "MOCK_SID"}}, {"participant", "list"}, {"room"}},
      {{"participant", "get", "r1", "bob"},
       {{"/identity", "bob"}, {"/sid", "MOCK_SID"}},
       {"participant", "get", "r1"},
       {"room", "identity"}},
      {{"participant", "update", "r1", "bob", "--name", "Bob", "--metadata", "pm", "--attribute", "k=v",
        "--permissions", R"({"canPublish":true})"},
       {{"/identity", "bob"}, {"/name", "Bob"}, {"/metadata", "pm"}, {"/sid", "MOCK_SID"}},
       {"participant", "update", "r1", "bob", "--attribute", "no-equals-sign"},
       {"--name", "--metadata", "--attribute", "--permissions"}},
      {{"participant", "mute", "r1", "bob", "TR_1"}, {}, {"participant", "mute", "r1", "bob"}, {"track_sid", "--unmute"}},
      {{"participant", "remove", "r1", "bob"}, {}, {"participant", "remove", "r1"}, {"identity"}},
      // egress
      {{"egress", "list", "--room", "r1"}, {{"/items/0/egressId", "MOCK_EGRESS_ID"}}, {"egress", "list", "--room"},
       {"--room", "--active"}},
      {{"egress", "start", "room-composite", "--room", "r1", "--file", "out.mp4"},
       {{"/egressId", "MOCK_EGRESS_ID"}, {"/roomName", "r1"}},
       {"egress", "start", "room-composite", "--room", "r1"},
       {"--room", "--layout", "--audio-only", "--video-only", "--file", "--stream"}},
      {{"egress", "update-layout", "EG_1", "speaker"},
       {{"/egressId", "EG_1"}},
       {"egress", "update-layout", "EG_1"},
       {"egress_id", "layout"}},
      {{"egress", "update-stream", "EG_1", "--add-url", "rtmp://127.0.0.1/live", "--remove-url", "rtmp://127.0.0.1/old"},
       {{"/egressId", "EG_1"}},
       {"egress", "update-stream", "EG_1"},
       {"--add-url", "--remove-url"}},
      {{"egress", "stop", "EG_1"}, {{"/egressId", "EG_1"}}, {"egress", "stop"}, {"egress_id"}},
      // ingress
      {{"ingress", "list", "--room", "r1"}, {{"/items/0/ingressId", "MOCK_INGRESS_ID"}}, {"ingress", "list", "--nope"},
       {"--room", "--id"}},
      {{"ingress", "create", "--input", "whip", "--room", "r1", "--identity", "cam", "--name", "front"},
       {{"/ingressId", "MOCK_INGRESS_ID"}, {"/roomName", "r1"}, {"/participantIdentity", "cam"}, {"/name", "front"}},
       {"ingress", "create", "--input", "ftp", "--room", "r1", "--identity", "cam"},
       {"--input", "--source-url", "--room", "--identity", "--participant-name", "--enable-transcoding"}},
      {{"ingress", "update", "IN_1", "--name", "back", "--room", "r2"},
       {{"/ingressId", "IN_1"}, {"/name", "back"}, {"/roomName", "r2"}},
       {"ingress", "update", "--name", "back"},
       {"ingress_id", "--name", "--room", "--identity"}},
      {{"ingress", "delete", "IN_1"}, {{"/ingressId", "IN_1"}}, {"ingress", "delete"}, {"ingress_id"}},
      // SIP
      {{"sip", "inbound", "list"}, {{"/items/0/sipTrunkId", "MOCK_SIP_TRUNK_ID"}}, {"sip", "inbound", "list", "x"},
       {"--id", "--number"}},
      {{"sip", "inbound", "create", "--name", "in", "--number", "+15550100", "--auth-user", "u", "--auth-pass", "p"},
       {{"/sipTrunkId", "MOCK_SIP_TRUNK_ID"}},
       {"sip", "inbound", "create", "--number", "+15550100"},
       {"--name", "--number", "--allowed-address", "--allowed-number", "--auth-user", "--auth-pass"}},
      {{"sip", "inbound", "update", "ST_1", "--name", "in2", "--number", "+15550102"},
       {{"/sipTrunkId", "ST_1"}},
       {"sip", "inbound", "update", "ST_1"},
       {"trunk_id", "--name", "--number", "--allowed-address", "--auth-pass"}},
      {{"sip", "inbound", "delete", "ST_1"}, {{"/sipTrunkId", "ST_1"}}, {"sip", "inbound", "delete"}, {"trunk_id"}},
      {{"sip", "outbound", "list"}, {{"/items/0/sipTrunkId", "MOCK_SIP_TRUNK_ID"}}, {"sip", "outbound", "list", "x"},
       {"--id", "--number"}},
      {{"sip", "outbound", "create", "--name", "out", "--address", "sip.example.com", "--number", "+15550101",
        "--transport", "tls"},
       {{"/sipTrunkId", "MOCK_SIP_TRUNK_ID"}},
       {"sip", "outbound", "create", "--name", "out", "--address", "a", "--number", "1", "--transport", "ftp"},
       {"--name", "--address", "--transport", "--number", "--auth-user"}},
      {{"sip", "outbound", "update", "ST_2", "--address", "sip2.example.com", "--transport", "tcp"},
       {{"/sipTrunkId", "ST_2"}},
       {"sip", "outbound", "update", "ST_2"},
       {"trunk_id", "--address", "--transport", "--number"}},
      {{"sip", "outbound", "delete", "ST_2"}, {{"/sipTrunkId", "ST_2"}}, {"sip", "outbound", "delete"}, {"trunk_id"}},
      {{"sip", "dispatch", "list", "--trunk", "ST_1"}, {{"/items/0/sipDispatchRuleId", "MOCK_SIP_DISPATCH_RULE_ID"}},
       {"sip", "dispatch", "list", "x"}, {"--id", "--trunk"}},
      {{"sip", "dispatch", "create", "--name", "d", "--individual", "call-", "--pin", "1234"},
       {{"/sipDispatchRuleId", "MOCK_SIP_DISPATCH_RULE_ID"}},
       {"sip", "dispatch", "create", "--direct", "a", "--callee", "b"},
       {"--direct", "--individual", "--callee", "--pin", "--trunk", "--randomize"}},
      {{"sip", "dispatch", "update", "SDR_1", "--name", "d2", "--trunk", "ST_1"},
       {{"/sipDispatchRuleId", "SDR_1"}},
       {"sip", "dispatch", "update", "SDR_1"},
       {"rule_id", "--name", "--metadata", "--trunk"}},
      {{"sip", "dispatch", "delete", "SDR_1"}, {{"/sipDispatchRuleId", "SDR_1"}}, {"sip", "dispatch", "delete"},
       {"rule_id"}},
      {{"sip", "participant", "create", "--trunk", "ST_1", "--call", "+15550199", "--room", "r1", "--identity", "callee"},
       {{"/participantId", "MOCK_PARTICIPANT_ID"}, {"/participantIdentity", "callee"}, {"/roomName", "r1"},
        {"/sipCallId", "MOCK_SIP_CALL_ID"}},
       {"sip", "participant", "create", "--trunk", "ST_1", "--call", "+15550199"},
       {"--trunk", "--call", "--number", "--room", "--identity", "--dtmf", "--wait"}},
      {{"sip", "participant", "transfer", "--room", "r1", "--identity", "callee", "--to", "tel:+15550123"},
       {{"/transferId", "MOCK_TRANSFER_ID"}},
       {"sip", "participant", "transfer", "--room", "r1", "--identity", "callee"},
       {"--room", "--identity", "--to", "--play-dialtone"}},
      // agent dispatch
      {{"dispatch", "create", "r1", "agent-a", "--metadata", "job"},
       {{"/id", "MOCK_ID"}, {"/agentName", "agent-a"}, {"/room", "r1"}, {"/metadata", "job"}},
       {"dispatch", "create", "r1"},
       {"agent_name", "--metadata"}},
      {{"dispatch", "list", "r1"}, {{"/agentDispatches/0/id", "MOCK_ID"}}, {"dispatch", "list"}, {"room"}},
      {{"dispatch", "get", "r1", "MOCK_ID"}, {{"/id", "MOCK_ID"}}, {"dispatch", "get", "r1"}, {"dispatch_id"}},
      {{"dispatch", "delete", "r1", "AD_1"}, {{"/room", "r1"}}, {"dispatch", "delete", "r1"}, {"dispatch_id"}},
  };
  return commands;
}

// A loopback port nothing listens on: bound by us, then closed.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string Name(const Command& c) {
  std::string name;
  for (const auto& a : c.args) name += (name.empty() ? "" : " ") + a;
  return name;
}

Args Concat(Args head, const Args& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// The command words without their arguments: the leading words that name a subcommand.
Args CommandWords(const Command& c) {
  Args words;
  for (const auto& a : c.args) {
    if (a.rfind("--", 0) == 0 || a.find_first_of("0123456789_+.") != std::string::npos || a == "bob") break;
    words.push_back(a);
  }
  return words;
}

class LkcppParity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mock_ = std::make_unique<MockServerProcess>(4); }
  static void TearDownTestSuite() { mock_.reset(); }

  static Args Env(const std::string& url) {
    return {"LIVEKIT_URL=" + url, "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"};
  }
  static Args Env() { return Env(mock_->url()); }

  static std::unique_ptr<MockServerProcess> mock_;
};
std::unique_ptr<MockServerProcess> LkcppParity::mock_;

TEST_F(LkcppParity, EveryCommandPrintsThePopulatedResponseAsJson) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(c));
    auto run = Lkcpp(Concat({"--json", "--header", kNoRinging}, c.args), Env());
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_EQ(run.out.find('\n'), std::string::npos) << "--json output is one line";
    auto json = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << run.out;
    ASSERT_TRUE(json.is_object()) << run.out;
    for (const auto& [pointer, value] : c.expect) {
      const nlohmann::json::json_pointer ptr(pointer);
      ASSERT_TRUE(json.contains(ptr)) << pointer << " missing in " << run.out;
      EXPECT_EQ(json.at(ptr), value) << pointer;
    }
  }
}

TEST_F(LkcppParity, EveryCommandExitsThreeWhenTheServerRejects) {
  const Args reject = {"--header", R"(X-Lk-Mock: {"failRegions":[0],"failStatus":404,"delayMs":0})", "--no-failover"};
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(c));
    auto run = Lkcpp(Concat(reject, c.args), Env());
    EXPECT_EQ(run.exit_code, 3);
    EXPECT_EQ(run.out, "") << "nothing on stdout for a failed call";
  }
}

TEST_F(LkcppParity, EveryCommandExitsFourWhenTheServerIsUnreachable) {
  const std::string url = "http://127.0.0.1:" + std::to_string(ClosedPort());
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(c));
    EXPECT_EQ(Lkcpp(Concat({"--no-failover", "--timeout", "5"}, c.args), Env(url)).exit_code, 4);
  }
}

TEST_F(LkcppParity, EveryCommandExitsTwoOnMisuse) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(c) + " misused as: " + Name(Command{c.usage_error, {}, {}, {}}));
    EXPECT_EQ(Lkcpp(c.usage_error, Env()).exit_code, 2);
  }
  // Credentials missing: a usage error too, before any call.
  EXPECT_EQ(Lkcpp({"--url", mock_->url(), "sip", "inbound", "list"}).exit_code, 2);
  EXPECT_EQ(Lkcpp({"sip"}, Env()).exit_code, 2);  // a group without its command
}

TEST_F(LkcppParity, EveryCommandHasHelpNamingItsOptions) {
  for (const auto& c : Commands()) {
    const Args words = CommandWords(c);
    SCOPED_TRACE(Name(Command{words, {}, {}, {}}));
    auto run = Lkcpp(Concat(words, {"--help"}));
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("Usage:"), std::string::npos) << run.out;
    for (const auto& option : c.help_mentions) EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
  // The groups and the non-API commands too.
  for (const Args& words : std::vector<Args>{{},
                                            {"room"},
                                            {"participant"},
                                            {"egress"},
                                            {"egress", "start"},
                                            {"ingress"},
                                            {"sip"},
                                            {"sip", "inbound"},
                                            {"sip", "outbound"},
                                            {"sip", "dispatch"},
                                            {"sip", "participant"},
                                            {"dispatch"},
                                            {"token"},
                                            {"token", "create"},
                                            {"token", "verify"},
                                            {"webhook"},
                                            {"regions"}}) {
    SCOPED_TRACE(Name(Command{words, {}, {}, {}}));
    auto run = Lkcpp(Concat(words, {"--help"}));
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("Usage:"), std::string::npos);
  }
}

TEST_F(LkcppParity, GlobalOptionsAlsoWorkAfterTheCommand) {
  auto run = Lkcpp({"ingress", "delete", "IN_9", "--json"}, Env());
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(run.out).at("ingressId"), "IN_9");
}

TEST_F(LkcppParity, ListsPrintAnAlignedTableWithoutJson) {
  auto run = Lkcpp({"sip", "outbound", "list"}, Env());
  ASSERT_EQ(run.exit_code, 0);
  const auto newline = run.out.find('\n');
  ASSERT_NE(newline, std::string::npos) << run.out;
  const std::string header = run.out.substr(0, newline);
  const std::string row = run.out.substr(newline + 1);
  EXPECT_EQ(header.rfind("TRUNK ID", 0), 0u) << header;
  EXPECT_EQ(row.rfind("MOCK_SIP_TRUNK_ID", 0), 0u) << row;
  // The TRANSPORT column starts at the same offset in the header and in the row.
  EXPECT_EQ(header.find("TRANSPORT"), row.find("SIP_TRANSPORT_AUTO"));
}

TEST_F(LkcppParity, CreateTakesARequestFileThatFlagsOverride) {
  const std::string path = ::testing::TempDir() + "lkcpp_ingress_request.json";
  {
    std::ofstream out(path);
    out << R"({"roomName":"from-file","participantIdentity":"file-id","name":"file-name","inputType":"WHIP_INPUT"})";
  }
  auto run = Lkcpp({"--json", "ingress", "create", path, "--name", "flag-name"}, Env());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json.at("roomName"), "from-file");
  EXPECT_EQ(json.at("participantIdentity"), "file-id");
  EXPECT_EQ(json.at("name"), "flag-name");
  {
    std::ofstream out(path);
    out << R"({"roomName": "x", "noSuchField": 1})";
  }
  EXPECT_EQ(Lkcpp({"ingress", "create", path}, Env()).exit_code, 2);
  EXPECT_EQ(Lkcpp({"ingress", "create", path + ".missing"}, Env()).exit_code, 2);
  std::remove(path.c_str());
}

}  // namespace
