// Malformed input never takes the server down: bad bodies, bad routes, huge headers,
// garbage on the socket, hanging and dropped connections; the server keeps serving.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

using nlohmann::json;

// Writes `bytes` on a fresh connection and returns what the server sends until it closes
// (or 2 s pass).
std::string RawExchange(std::uint16_t port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)!write(fd, bytes.data(), bytes.size());
    char buf[4096];
    ssize_t n = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return out;
}

class RobustnessTest : public ::testing::Test {
 protected:
  void ExpectStillServing() {
    const HttpResult r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {kSkipAuth});
    EXPECT_EQ(r.curl, CURLE_OK);
    EXPECT_EQ(r.status, 200);
  }
  MockServerProcess server_{4};
};

TEST_F(RobustnessTest, GarbageBodiesAre400Malformed) {
  HttpResult r = Twirp(server_.url(0), "RoomService", "CreateRoom", "{\"name\": 12", true, {kSkipAuth});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["code"], "malformed");
  r = Twirp(server_.url(0), "RoomService", "CreateRoom", R"({"name": {"nested": true}})", true, {kSkipAuth});
  EXPECT_EQ(r.status, 400);
  r = Twirp(server_.url(0), "RoomService", "CreateRoom", std::string("\xff\xff\xff\xff\x0f", 5), false, {kSkipAuth});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["code"], "malformed");
  ExpectStillServing();
}

TEST_F(RobustnessTest, RoutesHealthAnd404) {
  for (const char* path : {"/", "/_test/health"}) {
    const HttpResult r = Http("GET", server_.url(3) + path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "ok");
  }
  HttpResult r = Http("GET", server_.url(0) + "/nothing/here");
  EXPECT_EQ(r.status, 404);
  r = Http("GET", server_.url(0) + "/twirp/livekit.RoomService/ListRooms");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["code"], "bad_route");
  r = Http("POST", server_.url(0) + "/twirp/not-a-route", "{}", {"Content-Type: application/json"});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["code"], "bad_route");
  ExpectStillServing();
}

TEST_F(RobustnessTest, HugeHeadersAreRefusedOrClosed) {
  const std::string huge(200 * 1024, 'a');
  const HttpResult r = Http("GET", server_.url(0) + "/", {}, {"X-Huge: " + huge});
  EXPECT_TRUE(r.curl != CURLE_OK || r.status == 431) << r.status;
  ExpectStillServing();
}

TEST_F(RobustnessTest, GarbageOnTheSocketIsAnswered400AndClosed) {
  const std::string answer = RawExchange(server_.ports()[0], "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_TRUE(RawExchange(server_.ports()[0], std::string("\0\1\2\3\r\n\r\n", 8)).rfind("HTTP/1.1 400", 0) == 0);
  // A client that disconnects mid-request.
  RawExchange(server_.ports()[0], "POST /twirp/livekit.RoomService/ListRooms HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
  ExpectStillServing();
}

TEST_F(RobustnessTest, KeepAliveServesManyRequestsOnOneConnection) {
  std::string pipeline;
  for (int i = 0; i < 3; ++i) {
    pipeline += "GET /_test/health HTTP/1.1\r\nHost: x\r\n\r\n";
  }
  pipeline += "GET /_test/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string answer = RawExchange(server_.ports()[0], pipeline);
  std::size_t count = 0;
  for (std::size_t at = answer.find("HTTP/1.1 200"); at != std::string::npos; at = answer.find("HTTP/1.1 200", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 4u);
}

TEST_F(RobustnessTest, ExpectContinueIsAnsweredBeforeTheBody) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server_.ports()[0]);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string body = R"({"name":")" + std::string(2000, 'r') + R"("})";
  const std::string head =
      "POST /twirp/livekit.RoomService/CreateRoom HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "X-Lk-Mock: {\"skipAuth\":true}\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_EQ(write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
  // The body is sent only once the interim answer arrived (a read timeout fails the test).
  char buf[4096];
  const ssize_t n = read(fd, buf, sizeof buf);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)).rfind("HTTP/1.1 100 Continue", 0), 0u);
  ASSERT_EQ(write(fd, body.data(), body.size()), static_cast<ssize_t>(body.size()));
  std::string answer;
  ssize_t m = 0;
  while ((m = read(fd, buf, sizeof buf)) > 0) answer.append(buf, static_cast<std::size_t>(m));
  close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 200);
  EXPECT_NE(answer.find(std::string(2000, 'r')), std::string::npos);
}

TEST_F(RobustnessTest, ManyHangingConnectionsDoNotBlockOthers) {
  std::vector<int> fds;
  const std::string request =
      "POST /twirp/livekit.RoomService/ListRooms HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "X-Lk-Mock: {\"skipAuth\":true,\"failRegions\":[0],\"failMode\":\"hang\"}\r\nContent-Length: 2\r\n\r\n{}";
  for (int i = 0; i < 200; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_.ports()[0]);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    fds.push_back(fd);
  }
  ExpectStillServing();
  for (int fd : fds) close(fd);
  ExpectStillServing();
}

}  // namespace
}  // namespace livekit::test
