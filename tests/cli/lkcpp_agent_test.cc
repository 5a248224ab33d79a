// lkcpp's LiveKit Cloud commands (agent, simulation, agentdb) end to end: the real binary
// against a real lk-mock-server, which checks each call's `agent` grant. For every command:
// the mock's answer in --json and as text, a refusal (exit 3), an unreachable server (exit 4),
// a misuse (exit 2, with a message naming what is missing) and --help. Then what is particular
// to some: the success flag of restart/rollback/delete, secret values kept off the terminal,
// the agents host flag, and `agent logs` printing lines as they arrive until Ctrl-C.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/lkcpp_runner.h"
#include "support/mock_server_process.h"
#include "support/run_program.h"

namespace {

using livekit::test::Lkcpp;
using livekit::test::LkcppWithStderr;
using livekit::test::MockServerProcess;
using Args = std::vector<std::string>;

// Presence only, whatever the value (an element the mock leaves empty, `{}`).
constexpr char kPresent[] = "<present>";

// restart, rollback and delete answer {success, message}; the mock leaves success unset.
constexpr char kSuccess[] = R"(X-Lk-Mock: {"response":{"success":true}})";

struct Command {
  Args words;                                 ///< the command's name, e.g. {"agent", "list"}
  Args args;                                  ///< its arguments for a call that succeeds
  std::map<std::string, std::string> expect;  ///< JSON pointer -> value in the --json output
  std::string text;                           ///< a piece of the output without --json
  Args usage_error;                           ///< arguments that misuse it
  std::string usage_says;                     ///< a piece of the usage error's message
  Args help_mentions;                         ///< options and arguments its --help names
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      // agent
      {{"agent", "list"}, {}, {{"/agents/0/agentId", "MOCK_AGENT_ID"}}, "MOCK_AGENT_ID", {"--bogus"}, "--bogus",
       {"--id", "--name"}},
      {{"agent", "versions"}, {"CA_1"}, {{"/versions/0", kPresent}}, "VERSION", {}, "--id is required",
       {"agent_id", "--id"}},
      {{"agent", "secrets"}, {"--id", "CA_1"}, {{"/secrets/0", kPresent}}, "NAME", {}, "--id is required",
       {"agent_id", "--id"}},
      {{"agent", "restart"}, {"CA_1"}, {{"/success", "true"}}, "restarted CA_1", {}, "--id is required",
       {"agent_id"}},
      {{"agent", "rollback"}, {"CA_1", "--version", "v3"}, {{"/success", "true"}}, "rolled back CA_1 to v3",
       {"--version", "v3"}, "--id is required", {"agent_id", "--version"}},
      {{"agent", "delete"}, {"CA_1", "--deployment", "staging"}, {{"/success", "true"}},
       "deleted CA_1 deployment staging", {}, "--id is required", {"agent_id", "--deployment"}},
      // simulation
      {{"simulation", "create"}, {"--agent-name", "a1", "-n", "3", "--mode", "audio"},
       {{"/simulationRunId", "MOCK_SIMULATION_RUN_ID"}}, "MOCK_SIMULATION_RUN_ID", {"--mode", "video"},
       "unknown --mode", {"--agent-name", "--num-simulations", "--concurrency", "--mode", "--region", "request_file"}},
      {{"simulation", "list"}, {"--status", "running"},
       {{"/runs/0/id", "MOCK_ID"}, {"/runs/0/projectId", "MOCK_PROJECT_ID"}}, "MOCK_ID", {"--status", "sleeping"},
       "unknown --status", {"--status", "--agent-name", "--mode", "--from", "--to", "--page-token"}},
      {{"simulation", "get"}, {"SR_1"}, {}, "run_id", {}, "run_id is required", {"run_id", "--project-id"}},
      {{"simulation", "cancel"}, {"SR_1"}, {}, "cancelled SR_1", {}, "run_id is required", {"run_id"}},
      {{"simulation", "count"}, {"--since", "7d"}, {{"/buckets/0", kPresent}}, "total 0", {"--from", "yesterday"},
       "RFC 3339", {"--from", "--to", "--since", "--status"}},
      // agentdb
      {{"agentdb", "list"}, {}, {{"/databases/0/databaseId", "MOCK_DATABASE_ID"}}, "MOCK_DATABASE_ID",
       {"--page-size", "many"}, "--page-size", {"--page-size", "--page-token"}},
      {{"agentdb", "get"}, {"DB_1"}, {{"/databaseId", "DB_1"}}, "DB_1", {}, "database_id is required",
       {"database_id"}},
      {{"agentdb", "create"}, {"--region", "us-east", "--ttl", "1h"}, {{"/databaseId", "MOCK_DATABASE_ID"}},
       "MOCK_DATABASE_ID", {"--ttl", "soon"}, "--ttl", {"--region", "--ttl"}},
      {{"agentdb", "delete"}, {"DB_1"}, {}, "deleted DB_1", {}, "database_id is required", {"database_id"}},
      {{"agentdb", "dump"}, {"DB_1"}, {}, "download_url", {}, "database_id is required", {"database_id"}},
  };
  return commands;
}

Args Concat(Args head, const Args& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::string Name(const Args& args) {
  std::string name;
  for (const auto& a : args) name += (name.empty() ? "" : " ") + a;
  return name;
}

// The control header the command needs, if any, then the command and its arguments.
Args Call(const Command& c, const Args& args) {
  Args head;
  const bool answers_success =
      c.words[0] == "agent" && (c.words[1] == "restart" || c.words[1] == "rollback" || c.words[1] == "delete");
  if (answers_success) head = {"--header", kSuccess};
  return Concat(Concat(head, c.words), args);
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

Args Env(const std::string& url) {
  return {"LIVEKIT_URL=" + url, "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"};
}

class LkcppAgent : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mock_ = std::make_unique<MockServerProcess>(); }
  static void TearDownTestSuite() { mock_.reset(); }
  static Args Env() { return ::Env(mock_->url()); }

  static std::unique_ptr<MockServerProcess> mock_;
};
std::unique_ptr<MockServerProcess> LkcppAgent::mock_;

TEST_F(LkcppAgent, EveryCommandPrintsTheMockAnswerAsJson) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(Concat(c.words, c.args)));
    auto run = Lkcpp(Concat({"--json"}, Call(c, c.args)), Env());
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_EQ(run.out.find('\n'), std::string::npos) << "--json output is one line";
    auto json = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << run.out;
    ASSERT_TRUE(json.is_object()) << run.out;
    for (const auto& [pointer, value] : c.expect) {
      const nlohmann::json::json_pointer ptr(pointer);
      ASSERT_TRUE(json.contains(ptr)) << pointer << " missing in " << run.out;
      if (value == kPresent) continue;
      EXPECT_EQ(json.at(ptr).is_string() ? json.at(ptr).get<std::string>() : json.at(ptr).dump(), value) << pointer;
    }
  }
}

TEST_F(LkcppAgent, EveryCommandPrintsTextWithoutJson) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(Concat(c.words, c.args)));
    auto run = Lkcpp(Call(c, c.args), Env());
    ASSERT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find(c.text), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find('{'), std::string::npos) << "not JSON: " << run.out;
  }
}

TEST_F(LkcppAgent, EveryCommandExitsThreeWhenRefused) {
  const Args refuse = {"--header", R"(X-Lk-Mock: {"failRegions":[0],"failStatus":403})", "--no-failover"};
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(Concat(c.words, c.args)));
    auto run = Lkcpp(Concat(refuse, Concat(c.words, c.args)), Env());
    EXPECT_EQ(run.exit_code, 3);
    EXPECT_EQ(run.out, "") << "nothing on stdout for a failed call";
  }
}

TEST_F(LkcppAgent, EveryCommandExitsFourWhenTheServerIsUnreachable) {
  const std::string url = "http://127.0.0.1:" + std::to_string(ClosedPort());
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(Concat(c.words, c.args)));
    EXPECT_EQ(Lkcpp(Concat({"--no-failover", "--timeout", "5"}, Call(c, c.args)), ::Env(url)).exit_code, 4);
  }
}

TEST_F(LkcppAgent, EveryCommandExitsTwoOnMisuseAndSaysWhy) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(Concat(c.words, c.usage_error)));
    auto run = LkcppWithStderr(Concat(c.words, c.usage_error), Env());
    EXPECT_EQ(run.exit_code, 2) << run.out;
    EXPECT_NE(run.out.find(c.usage_says), std::string::npos) << run.out;
  }
  EXPECT_EQ(Lkcpp({"agent"}, Env()).exit_code, 2);  // a group without its command
  EXPECT_EQ(Lkcpp({"simulation"}, Env()).exit_code, 2);
  EXPECT_EQ(Lkcpp({"agentdb"}, Env()).exit_code, 2);
  EXPECT_EQ(Lkcpp({"--url", mock_->url(), "agent", "list"}).exit_code, 2);  // no credentials
  EXPECT_EQ(Lkcpp({"agent", "logs", "CA_1", "--log-type", "runtime"}, Env()).exit_code, 2);
}

TEST_F(LkcppAgent, EveryCommandHasHelpNamingItsOptions) {
  for (const auto& c : Commands()) {
    SCOPED_TRACE(Name(c.words));
    auto run = Lkcpp(Concat(c.words, {"--help"}));
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("Usage:"), std::string::npos) << run.out;
    for (const auto& option : c.help_mentions) EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
  for (const Args& words : std::vector<Args>{{"agent"}, {"simulation"}, {"agentdb"}, {"agent", "logs"}}) {
    SCOPED_TRACE(Name(words));
    auto run = Lkcpp(Concat(words, {"--help"}));
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("Usage:"), std::string::npos);
  }
  EXPECT_NE(Lkcpp({"--help"}).out.find("--agents-url"), std::string::npos);
}

// A 200 whose success is false is a refusal all the same: exit 3, the server's message on
// stderr, nothing on stdout.
TEST_F(LkcppAgent, UnsuccessfulAnswerExitsThree) {
  for (const Args& command : std::vector<Args>{{"agent", "restart", "CA_1"},
                                               {"agent", "rollback", "CA_1"},
                                               {"agent", "delete", "CA_1"}}) {
    SCOPED_TRACE(Name(command));
    auto quiet = Lkcpp(Concat({"--header", R"(X-Lk-Mock: {"response":{"success":false,"message":"no such version"}})"},
                              command),
                       Env());
    EXPECT_EQ(quiet.exit_code, 3);
    EXPECT_EQ(quiet.out, "");
    auto said = LkcppWithStderr(
        Concat({"--header", R"(X-Lk-Mock: {"response":{"success":false,"message":"no such version"}})"}, command),
        Env());
    EXPECT_NE(said.out.find("no such version"), std::string::npos) << said.out;
  }
}

TEST_F(LkcppAgent, SecretValuesNeverReachTheTerminal) {
  // "c3VwZXJzZWNyZXQ=" is base64("supersecret"), as proto3 JSON writes bytes.
  const Args header = {"--header", R"(X-Lk-Mock: {"response":{"secrets":[{"name":"OPENAI_API_KEY",)"
                                   R"("value":"c3VwZXJzZWNyZXQ=","kind":"AGENT_SECRET_KIND_ENVIRONMENT"}]}})"};
  auto text = Lkcpp(Concat(header, {"agent", "secrets", "CA_1"}), Env());
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("OPENAI_API_KEY"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("environment"), std::string::npos) << text.out;
  auto json = Lkcpp(Concat(header, {"--json", "agent", "secrets", "CA_1"}), Env());
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_EQ(nlohmann::json::parse(json.out).at("/secrets/0/name"_json_pointer), "OPENAI_API_KEY");
  for (const auto* out : {&text.out, &json.out}) {
    EXPECT_EQ(out->find("c3VwZXJzZWNyZXQ"), std::string::npos) << *out;
    EXPECT_EQ(out->find("supersecret"), std::string::npos) << *out;
  }
}

TEST_F(LkcppAgent, TablesLineUpAndNameEnumsAsWords) {
  auto agents = Lkcpp({"agent", "list"}, Env());
  ASSERT_EQ(agents.exit_code, 0);
  EXPECT_EQ(agents.out.rfind("AGENT ID", 0), 0u) << agents.out;
  EXPECT_NE(agents.out.find("\nMOCK_AGENT_ID"), std::string::npos) << agents.out;
  auto run = Lkcpp({"--header",
                    R"(X-Lk-Mock: {"response":{"run":{"id":"SR_1","status":"STATUS_PENDING_UPLOAD",)"
                    R"("mode":"SIMULATION_MODE_AUDIO","jobs":[{"id":"J_1","status":"STATUS_FAILED"}]}}})",
                    "simulation", "get", "SR_1"},
                   Env());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("pending_upload"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("audio"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("J_1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("failed"), std::string::npos) << run.out;
  // Flags take the same words, '-' for '_' too.
  EXPECT_EQ(Lkcpp({"simulation", "list", "--status", "pending-upload"}, Env()).exit_code, 0);
}

// --agents-url sends the agent commands to another host, and only them.
TEST(LkcppAgentHost, AgentsUrlPointsTheAgentCommandsElsewhere) {
  MockServerProcess project(1, {"--services", "project"});
  MockServerProcess agents(1, {"--services", "agents"});
  const Args env = Env(project.url());
  EXPECT_EQ(Lkcpp({"agent", "list"}, env).exit_code, 3) << "the project host does not serve CloudAgent";
  auto listed = Lkcpp({"--agents-url", agents.url(), "agent", "list"}, env);
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find("MOCK_AGENT_ID"), std::string::npos) << listed.out;
  // The other commands still use --url.
  EXPECT_EQ(Lkcpp({"--agents-url", agents.url(), "simulation", "list"}, env).exit_code, 0);
  EXPECT_EQ(Lkcpp({"--agents-url", agents.url(), "agentdb", "list"}, env).exit_code, 0);
  // An unreachable agents host is named as the server that could not be reached.
  const std::string closed = "http://127.0.0.1:" + std::to_string(ClosedPort());
  for (const Args& command : std::vector<Args>{{"agent", "list"}, {"agent", "logs", "CA_1"}}) {
    SCOPED_TRACE(Name(command));
    auto unreachable = LkcppWithStderr(Concat({"--agents-url", closed, "--no-failover"}, command), env);
    EXPECT_EQ(unreachable.exit_code, 4) << unreachable.out;
    EXPECT_NE(unreachable.out.find("cannot reach the server at " + closed), std::string::npos) << unreachable.out;
  }
}

TEST_F(LkcppAgent, LogsPrintEveryLineOfTheStream) {
  auto run = Lkcpp({"--header", R"(X-Lk-Mock: {"streamLines":3,"streamIntervalMs":1})", "agent", "logs", "CA_1",
                    "--log-type", "build"},
                   Env());
  ASSERT_EQ(run.exit_code, 0) << run.out;
  std::size_t lines = run.out.empty() ? 0 : 1;
  for (char ch : run.out) lines += ch == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 3u) << run.out;
  EXPECT_EQ(run.out.rfind("mock build log line 1 of CA_1\n", 0), 0u) << "--log-type build asked: " << run.out;

  auto json = Lkcpp({"--json", "--header", R"(X-Lk-Mock: {"streamLines":2,"streamIntervalMs":1})", "agent", "logs",
                     "CA_1"},
                    Env());
  ASSERT_EQ(json.exit_code, 0) << json.out;
  std::size_t begin = 0;
  int objects = 0;
  while (begin < json.out.size()) {
    std::size_t end = json.out.find('\n', begin);
    if (end == std::string::npos) end = json.out.size();
    auto line = nlohmann::json::parse(json.out.substr(begin, end - begin), nullptr, false);
    ASSERT_FALSE(line.is_discarded()) << json.out;
    EXPECT_TRUE(line.at("line").is_string());
    ++objects;
    begin = end + 1;
  }
  EXPECT_EQ(objects, 2) << json.out;
}

TEST_F(LkcppAgent, LogsExitAsEveryCommandOnFailure) {
  auto refused = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failStatus":403})", "agent", "logs", "CA_1"},
                       Env());
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_EQ(refused.out, "");
  // Cut mid-stream after two lines: those two were printed, then exit 4.
  auto cut = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failMode":"drop","streamFailAfter":2})", "agent",
                    "logs", "CA_1"},
                   Env());
  EXPECT_EQ(cut.exit_code, 4);
  EXPECT_EQ(std::count(cut.out.begin(), cut.out.end(), '\n'), 1) << "two lines: " << cut.out;
}

// Reads from `fd` until `stop_at` (a newline) or the end of the output, waiting at most
// `limit` for each piece (a safety against a hanging program, not a timing check).
std::string ReadFrom(int fd, bool stop_at_newline, std::chrono::milliseconds limit) {
  std::string out;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(limit.count())) <= 0) return out + "<no more output within the limit>";
    char ch = 0;
    if (::read(fd, &ch, 1) != 1) return out;
    if (stop_at_newline && ch == '\n') return out;
    out += ch;
  }
}

// The first line shows while the stream is still open (the mock holds it after one line);
// Ctrl-C then ends the command cleanly.
TEST_F(LkcppAgent, LogsShowLinesAsTheyArriveAndStopOnCtrlC) {
  livekit::test::RunOptions options;
  options.clean_env = true;
  options.env = Env();
  options.stderr_to = livekit::test::Stderr::kDiscard;
  int out_fd = -1;
  const pid_t pid = livekit::test::StartProgram(
      {LKCPP_BINARY, "--header", R"(X-Lk-Mock: {"streamLines":5,"streamIntervalMs":1,"streamHoldAfter":1})", "agent",
       "logs", "CA_1"},
      options, &out_fd);
  ASSERT_GT(pid, 0);
  const auto limit = std::chrono::seconds(30);
  const std::string first = ReadFrom(out_fd, true, limit);  // printed while the stream is held
  EXPECT_EQ(first, "mock deploy log line 1 of CA_1");
  EXPECT_EQ(::kill(pid, SIGINT), 0);
  const std::string rest = ReadFrom(out_fd, false, limit);
  ::close(out_fd);
  EXPECT_EQ(rest, "") << "nothing after the held line";
  int status = 0;
  if (rest.find("<no more output") != std::string::npos) ::kill(pid, SIGKILL);  // it did not stop
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by the signal instead of stopping on it";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
