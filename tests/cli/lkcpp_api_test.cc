// lkcpp's API commands end to end against lk-mock-server: output, --json, --header, and the
// one-line errors with their exit codes.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "support/lkcpp_runner.h"
#include "support/mock_server_process.h"
#include "support/raw_http_server.h"

namespace livekit::test {
namespace {

std::vector<std::string> Env(const MockServerProcess& mock) {
  return {"LIVEKIT_URL=" + mock.url(), "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"};
}

TEST(LkcppApi, RoomCommands) {
  MockServerProcess mock;
  auto list = Lkcpp({"room", "list"}, Env(mock));
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("MOCK_SID"), std::string::npos);
  auto create = Lkcpp({"--json", "room", "create", "r1"}, Env(mock));
  EXPECT_EQ(create.exit_code, 0);
  EXPECT_NE(create.out.find(R"("name":"r1")"), std::string::npos) << create.out;
  EXPECT_NE(create.out.find(R"("sid":"MOCK_SID")"), std::string::npos) << create.out;
  auto del = Lkcpp({"room", "delete", "r1"}, Env(mock));
  EXPECT_EQ(del.exit_code, 0);
  EXPECT_EQ(del.out, "deleted r1");
}

TEST(LkcppApi, ParticipantEgressDispatch) {
  MockServerProcess mock;
  EXPECT_EQ(Lkcpp({"participant", "list", "r1"}, Env(mock)).exit_code, 0);
  auto removed = Lkcpp({"participant", "remove", "r1", "bob"}, Env(mock));
  EXPECT_EQ(removed.exit_code, 0);
  EXPECT_EQ(removed.out, "removed bob from r1");
  auto stop = Lkcpp({"egress", "stop", "EG_1"}, Env(mock));
  EXPECT_EQ(stop.exit_code, 0);
  EXPECT_EQ(stop.out.rfind("EG_1", 0), 0u) << stop.out;
  auto egresses = Lkcpp({"--json", "egress", "list", "--room", "r1"}, Env(mock));
  EXPECT_EQ(egresses.exit_code, 0);
  EXPECT_NE(egresses.out.find("MOCK_EGRESS_ID"), std::string::npos);
  auto dispatch = Lkcpp({"dispatch", "create", "r1", "agent-a", "--metadata", "m"}, Env(mock));
  EXPECT_EQ(dispatch.exit_code, 0);
  EXPECT_EQ(dispatch.out, "MOCK_ID\tagent-a\tr1");
  auto dispatches = Lkcpp({"dispatch", "list", "r1"}, Env(mock));
  EXPECT_EQ(dispatches.exit_code, 0);
  EXPECT_NE(dispatches.out.find("MOCK_ID"), std::string::npos);
}

TEST(LkcppApi, HeadersTravelAndErrorsExit) {
  MockServerProcess mock;
  auto rejected = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failStatus":404})", "room", "list"}, Env(mock));
  EXPECT_EQ(rejected.exit_code, 3);
  auto failing = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failMode":"drop"})", "--no-failover", "room",
                        "list"},
                       Env(mock));
  EXPECT_EQ(failing.exit_code, 4);
}

TEST(LkcppApi, UsageErrors) {
  EXPECT_EQ(Lkcpp({"--url", "nope", "--api-key", "k", "--api-secret", "s", "room", "list"}).exit_code, 2);
  EXPECT_EQ(Lkcpp({"--url", "http://127.0.0.1:9", "room", "list"}).exit_code, 2);  // no credentials
  EXPECT_EQ(Lkcpp({"--url", "http://127.0.0.1:9", "--token", "t", "--header", "bad", "room", "list"}).exit_code, 2);
  int port = 0;
  {
    MockServerProcess gone;
    port = gone.port();
  }
  auto unreachable = Lkcpp({"--url", "http://127.0.0.1:" + std::to_string(port), "--token", "t", "--no-failover",
                            "room", "list"});
  EXPECT_EQ(unreachable.exit_code, 4);
}

// The lines of `text`, without empty ones.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (end > begin) lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// --url pointing at a plain web server that answers an HTML 501 page: the error is one line
// saying what came back (not the page), and --verbose names the status once per line.
TEST(LkcppApi, PlainWebServerErrorIsOneLine) {
  const std::string page =
      "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<title>Error response</title>\n</head>\n<body>\n"
      "<h1>Error response</h1>\n<p>Error code: 501</p>\n<p>Message: Unsupported method.</p>\n</body>\n</html>\n";
  RawHttpServer server([&page](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    s.WriteAll(fd, "HTTP/1.0 501 Unsupported method\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: " +
                       std::to_string(page.size()) + "\r\nConnection: close\r\n\r\n" + page);
  });
  const std::vector<std::string> flags = {"--url", server.url(), "--api-key", "devkey", "--api-secret", "secret"};

  std::vector<std::string> args = flags;
  args.insert(args.end(), {"room", "list"});
  const ProgramRun plain = LkcppWithStderr(args);
  EXPECT_EQ(plain.exit_code, 4) << plain.out;
  const std::vector<std::string> lines = Lines(plain.out);
  ASSERT_EQ(lines.size(), 1u) << plain.out;
  EXPECT_EQ(lines[0].rfind("lkcpp: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("HTTP 501 (text/html, " + std::to_string(page.size()) + " bytes"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find(": Error response"), std::string::npos) << lines[0];
  EXPECT_EQ(Count(lines[0], "HTTP 501"), 1u) << lines[0];
  EXPECT_EQ(lines[0].find('<'), std::string::npos) << lines[0];

  args = flags;
  args.insert(args.end(), {"--verbose", "room", "list"});
  const ProgramRun verbose = LkcppWithStderr(args);
  EXPECT_EQ(verbose.exit_code, 4) << verbose.out;
  EXPECT_NE(verbose.out.find("  attempt "), std::string::npos) << verbose.out;
  for (const std::string& line : Lines(verbose.out)) {
    EXPECT_LE(Count(line, "HTTP 501"), 1u) << line;
    EXPECT_EQ(line.find('<'), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace livekit::test
