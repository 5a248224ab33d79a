// The public clients against hostile and broken HTTP servers (issue 6, "Hostile servers"):
// every case must end with a clear, classified error, within the timeout, without buffering
// without bound, without following redirects, and without a token in any message.

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/raw_http_server.h"
#include "livekit/logger.h"
#include "livekit/room_service_client.h"

namespace livekit {
namespace {

using test::RawHttpServer;
using Ms = std::chrono::milliseconds;

constexpr char kSecret[] = "hostile-test-secret-7d1c9a0b5e3f42c8";

// ThreadSanitizer shadows every heap byte several times over: RSS says nothing about
// buffering there (the bytes the server managed to send still do).
#if defined(__SANITIZE_THREAD__)
constexpr bool kRssIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kRssIsMeaningful = false;
#else
constexpr bool kRssIsMeaningful = true;
#endif
#else
constexpr bool kRssIsMeaningful = true;
#endif

ClientOptions OptionsFor(const std::string& url, Ms timeout = Ms(3000)) {
  ClientOptions o;
  o.url = url;
  o.api_key = "devkey";
  o.api_secret = kSecret;
  o.timeout = timeout;
  o.failover.enabled = false;
  o.failover.logger = MakeNullLogger();
  return o;
}

// A failure message must not itself bring a token into the test log: "eyJ" becomes "ey*J".
std::string Masked(std::string text) {
  for (std::size_t p = 0; (p = text.find("eyJ", p)) != std::string::npos; p += 4) text.replace(p, 3, "ey*J");
  for (std::size_t p = 0; (p = text.find(kSecret, p)) != std::string::npos;) text.replace(p, sizeof kSecret - 1, "***");
  return text;
}

// Whatever the case, the error must never carry a token or the secret.
void ExpectNoSecrets(const Error& e) {
  std::vector<std::string> texts = {e.ToString(), e.message(), e.url(), e.response_body()};
  for (const auto& [k, v] : e.metadata()) texts.push_back(v);
  for (const Attempt& a : e.attempts()) texts.push_back(a.detail);
  for (const std::string& text : texts) {
    EXPECT_EQ(text.find("eyJ"), std::string::npos) << Masked(text);
    EXPECT_EQ(text.find(kSecret), std::string::npos) << Masked(text);
  }
}

std::string Response(const std::string& status_line, const std::string& content_type, const std::string& body,
                     const std::string& extra = "") {
  return "HTTP/1.1 " + status_line + "\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "Connection: close\r\n\r\n" + body;
}

// A behaviour that reads one request and answers `raw`.
RawHttpServer::Behaviour Answer(std::string raw) {
  return [raw](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (s.ReadRequest(fd, stopping)) s.WriteAll(fd, raw);
  };
}

Result<ListRoomsResponse> ListRooms(const ClientOptions& o) {
  RoomServiceClient client(o);
  return client.ListRooms(ListRoomsRequest());
}

// Peak resident set of this process since the last ResetPeakRss(), in bytes.
long long PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return -1;
}
bool ResetPeakRss() {
  std::ofstream refs("/proc/self/clear_refs");
  refs << "5";
  return static_cast<bool>(refs);
}

// Runs `call`, whose attempts may take `timeout`, against a server that never finishes its
// answer: it must fail with kTimeout, with no secret in the error, and end (the bound of five
// attempt times is generous on purpose: it only proves the call ends).
template <typename Call>
void ExpectTimesOut(Ms timeout, Call call) {
  const auto start = std::chrono::steady_clock::now();
  const auto r = call();
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout) << r.error().ToString();
  ExpectNoSecrets(r.error());
  EXPECT_LT(took, timeout * 5) << "the call must end";
}

TEST(HostileServer, DefaultResponseLimitIsDocumented) {
  // docs/limits.md states this number; a change must update the document.
  EXPECT_EQ(ClientOptions().max_response_bytes, 8u * 1024u * 1024u);
}

// The server streams 1 GiB, announced in Content-Length (refused up front) or not (a body
// that runs until the connection closes). The engine must abort once the limit is passed,
// not buffer the body: the server gets to send only about the limit, and the peak RSS grows
// by far less than the announced size.
void HugeAnswerCase(std::size_t limit, bool announce_length = true) {
  constexpr std::size_t kAnnounced = 1024u * 1024u * 1024u;
  RawHttpServer server([announce_length](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    const std::string length = announce_length ? "Content-Length: " + std::to_string(kAnnounced) : "Connection: close";
    if (!s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\n" + length + "\r\n\r\n")) {
      return;
    }
    const std::string chunk(64 * 1024, '\x0a');
    for (std::size_t sent = 0; sent < kAnnounced && !stopping.load(); sent += chunk.size()) {
      if (!s.WriteAll(fd, chunk, /*count_as_body=*/true)) return;  // the client hung up
    }
  });
  ClientOptions o = OptionsFor(server.url(), Ms(60000));
  o.max_response_bytes = limit;
  o.dedicated_engine = true;  // its buffers are freed with the client, not kept by a shared engine
  const bool peak_resettable = ResetPeakRss();
  const long long rss_before = PeakRssBytes();
  auto r = ListRooms(o);
  const long long rss_growth = PeakRssBytes() - rss_before;
  std::printf("limit %zu B: server sent %zu B of 1 GiB; peak RSS growth %lld B\n", limit, server.bytes_sent(),
              rss_growth);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kBadResponse) << r.error().ToString();
  EXPECT_NE(r.error().message().find("larger than " + std::to_string(limit)), std::string::npos)
      << r.error().message();
  ExpectNoSecrets(r.error());
  // Socket buffers hold a few MiB in flight beyond what the client accepted.
  EXPECT_LT(server.bytes_sent(), limit + 32u * 1024u * 1024u) << "the transfer was not aborted";
  if (kRssIsMeaningful && peak_resettable && rss_before > 0) {
    // About 2x the limit in release builds (the buffer grows by doubling), more under ASan
    // (freed buffers sit in its quarantine); far from the announced 1 GiB either way.
    EXPECT_LT(rss_growth, static_cast<long long>(kAnnounced / 2)) << "peak RSS grew by " << rss_growth;
  }
}

TEST(HostileServer, HugeAnswerIsCutOffAtTheDefaultLimit) { HugeAnswerCase(ClientOptions().max_response_bytes); }

TEST(HostileServer, HugeAnswerIsCutOffAtAConfiguredLimit) { HugeAnswerCase(256 * 1024); }

TEST(HostileServer, HugeUnannouncedAnswerIsCutOffWhileReading) {
  HugeAnswerCase(ClientOptions().max_response_bytes, /*announce_length=*/false);
}

TEST(HostileServer, EndlessHeadersAreCutOff) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    if (!s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\n")) return;
    const std::string header = "X-Junk: " + std::string(1000, 'j') + "\r\n";
    for (int i = 0; i < 1024 * 1024 && !stopping.load(); ++i) {  // up to 1 GiB of headers
      if (!s.WriteAll(fd, header, true)) return;
    }
  });
  const bool peak_resettable = ResetPeakRss();
  const long long rss_before = PeakRssBytes();
  auto r = ListRooms(OptionsFor(server.url(), Ms(20000)));
  const long long rss_growth = PeakRssBytes() - rss_before;
  ASSERT_FALSE(r.ok());
  std::printf("endless headers: %s after %zu B; peak RSS growth %lld B\n", r.error().ToString().c_str(),
              server.bytes_sent(), rss_growth);
  EXPECT_TRUE(r.error().code() == ErrorCode::kTransport || r.error().code() == ErrorCode::kBadResponse)
      << r.error().ToString();
  ExpectNoSecrets(r.error());
  EXPECT_LT(server.bytes_sent(), 64u * 1024u * 1024u) << "headers were read without a limit";
  if (kRssIsMeaningful && peak_resettable && rss_before > 0) {
    EXPECT_LT(rss_growth, 256LL * 1024 * 1024);
  }
}

// Headers, then one body byte every 50 ms, forever: the per-attempt timeout must end it.
TEST(HostileServer, TricklingBodyHitsTheTimeout) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    if (!s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\nContent-Length: 100000\r\n\r\n")) {
      return;
    }
    while (RawHttpServer::Pause(stopping, 50)) {
      if (!s.WriteAll(fd, "\x0a")) return;
    }
  });
  const Ms timeout(600);
  ExpectTimesOut(timeout, [&] { return ListRooms(OptionsFor(server.url(), timeout)); });
}

// The status line itself trickles in, one byte at a time.
TEST(HostileServer, TricklingHeadersHitTheTimeout) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    const std::string head = "HTTP/1.1 200 OK\r\nX-Slow: ";
    for (std::size_t i = 0; RawHttpServer::Pause(stopping, 50); ++i) {
      if (!s.WriteAll(fd, i < head.size() ? head.substr(i, 1) : std::string("z"))) return;
    }
  });
  const Ms timeout(600);
  ExpectTimesOut(timeout, [&] { return ListRooms(OptionsFor(server.url(), timeout)); });
}

// ListRooms against a server answering 200 OK with `body` as `content_type`: the call must
// fail as a bad response whose error carries no secret. Returns that error.
Error BadResponseTo(const std::string& content_type, const std::string& body,
                    Encoding encoding = Encoding::kProtobuf) {
  RawHttpServer server(Answer(Response("200 OK", content_type, body)));
  ClientOptions o = OptionsFor(server.url());
  o.encoding = encoding;
  auto r = ListRooms(o);
  if (r.ok()) {
    ADD_FAILURE() << "a " << content_type << " answer was accepted as a ListRoomsResponse";
    return Error();
  }
  EXPECT_EQ(r.error().code(), ErrorCode::kBadResponse) << r.error().ToString();
  ExpectNoSecrets(r.error());
  return r.error();
}

TEST(HostileServer, InvalidProtobufIsABadResponse) {
  const Error e = BadResponseTo("application/protobuf", std::string("\xff\xff\xff\xff\x0f", 5));
  EXPECT_NE(e.message().find("protobuf"), std::string::npos) << e.message();
}

TEST(HostileServer, InvalidJsonIsABadResponse) {
  const Error e = BadResponseTo("application/json", "{\"rooms\": [ {\"name\": ", Encoding::kJson);
  EXPECT_NE(e.message().find("JSON"), std::string::npos) << e.message();
}

TEST(HostileServer, JsonOfTheWrongShapeIsABadResponse) {
  BadResponseTo("application/json", "{\"rooms\": \"not a list\"}", Encoding::kJson);
}

// A captive portal or a misrouted proxy answering 200 with an HTML page.
TEST(HostileServer, HtmlPageWithStatus200IsABadResponse) {
  BadResponseTo("text/html; charset=utf-8", "<html><body><h1>Welcome to the hotel network</h1></body></html>");
}

// An empty text/html body decodes as an empty protobuf message: the content type alone must
// make it an error, or a proxy's blank page reads as "no rooms".
TEST(HostileServer, EmptyHtmlAnswerIsABadResponse) { BadResponseTo("text/html", ""); }

TEST(HostileServer, TruncatedBodyIsATransportError) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\nContent-Length: 1000\r\n\r\n\x0a\x02\x0a\x00");
    // then close: 996 bytes never come
  });
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().code() == ErrorCode::kTransport || r.error().code() == ErrorCode::kBadResponse)
      << r.error().ToString();
  ExpectNoSecrets(r.error());
}

// Redirects are never followed: the target (a second listener) must see no request at all,
// so the Authorization header cannot reach it. Checked with failover off and forced on.
class Redirects : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(Redirects, AreNotFollowedAndLeakNoAuthorization) {
  const auto [status, force_failover] = GetParam();
  RawHttpServer target([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (s.ReadRequest(fd, stopping)) s.WriteAll(fd, Response("200 OK", "application/protobuf", ""));
  });
  const std::string location = target.url() + "/twirp/livekit.RoomService/ListRooms";
  const std::string line = std::to_string(status) + (status == 301 ? " Moved Permanently"
                                                      : status == 302 ? " Found" : " Temporary Redirect");
  RawHttpServer origin(Answer(Response(line, "text/html", "<a href=\"" + location + "\">moved</a>",
                                       "Location: " + location + "\r\n")));
  ClientOptions o = OptionsFor(origin.url());
  o.failover.enabled = force_failover;
  o.failover.force = force_failover;
  o.timeout = Ms(6000);  // above the 5 s guard, so a forced failover would really run
  auto r = ListRooms(o);
  ASSERT_FALSE(r.ok()) << "a redirect was followed or taken for success";
  EXPECT_EQ(r.error().code(), ErrorCode::kBadResponse) << r.error().ToString();
  EXPECT_EQ(r.error().http_status(), status);
  ExpectNoSecrets(r.error());
  EXPECT_EQ(target.connections(), 0) << "the redirect target was contacted";
  EXPECT_TRUE(target.requests().empty());
  ASSERT_EQ(origin.requests().size(), 1u);
  EXPECT_NE(origin.requests()[0].find("Authorization: Bearer eyJ"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(HostileServer, Redirects,
                         ::testing::Combine(::testing::Values(301, 302, 307), ::testing::Bool()));

// Accepts, never reads, never answers: the request sits in socket buffers until the timeout.
TEST(HostileServer, ServerThatNeverReadsHitsTheTimeout) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer&) {
    RawHttpServer::WaitForPeerClose(fd, stopping);
  });
  const Ms timeout(500);
  ExpectTimesOut(timeout, [&] { return ListRooms(OptionsFor(server.url(), timeout)); });
}

// Same with a request body far larger than the socket buffers, so the client blocks sending.
TEST(HostileServer, ServerThatNeverReadsALargeRequestHitsTheTimeout) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer&) {
    RawHttpServer::WaitForPeerClose(fd, stopping);
  });
  const Ms timeout(500);
  RoomServiceClient client(OptionsFor(server.url(), timeout));
  UpdateRoomMetadataRequest req;
  req.set_room("r");
  req.set_metadata(std::string(8 * 1024 * 1024, 'm'));
  ExpectTimesOut(timeout, [&] { return client.UpdateRoomMetadata(req); });
}

TEST(HostileServer, ServerThatClosesAtOnceIsATransportError) {
  RawHttpServer server([](int, const std::atomic<bool>&, RawHttpServer&) {});  // close on return
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTransport) << r.error().ToString();
  ASSERT_EQ(r.error().attempts().size(), 1u);
  EXPECT_EQ(r.error().attempts()[0].outcome, ErrorCode::kTransport);
  ExpectNoSecrets(r.error());
}

TEST(HostileServer, ServerThatClosesAfterReadingIsATransportError) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    s.ReadRequest(fd, stopping);
  });
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTransport) << r.error().ToString();
  ExpectNoSecrets(r.error());
}

// Garbage instead of HTTP.
TEST(HostileServer, NonHttpAnswerIsAnError) {
  RawHttpServer server(Answer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().code() == ErrorCode::kTransport || r.error().code() == ErrorCode::kBadResponse)
      << r.error().ToString();
  ExpectNoSecrets(r.error());
}

// An error page that echoes the request (as some proxies do) must not bring the token into
// the error message.
TEST(HostileServer, ErrorPageEchoingTheRequestDoesNotLeakTheToken) {
  RawHttpServer server([](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    if (!s.ReadRequest(fd, stopping)) return;
    const std::string echoed = s.requests().back();
    s.WriteAll(fd, Response("400 Bad Request", "text/plain", "bad request:\n" + echoed));
  });
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kServerRejection) << r.error().ToString();
  ExpectNoSecrets(r.error());
}

// A URL that points at a plain web server (here the page Python's http.server sends for a
// POST): the message says what came back on one line, the whole page stays available.
TEST(HostileServer, PlainWebServerErrorPageIsSummedUpOnOneLine) {
  const std::string page =
      "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
      "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
      "        <p>Error code: 501</p>\n        <p>Message: Unsupported method (&#x27;POST&#x27;).</p>\n"
      "        <p>Error code explanation: 501 - Server does not support this operation.</p>\n"
      "    </body>\n</html>\n";
  RawHttpServer server(Answer(Response("501 Unsupported method ('POST')", "text/html;charset=utf-8", page)));
  auto r = ListRooms(OptionsFor(server.url()));
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  EXPECT_EQ(e.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(e.http_status(), 501);
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_EQ(e.message(),
            "HTTP 501 (text/html, " + std::to_string(page.size()) + " bytes, not a Twirp error): Error response");
  const std::string line = e.ToString();
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(line.find("HTTP 501"), line.rfind("HTTP 501")) << "the status once: " << line;
  EXPECT_EQ(line.find("<"), std::string::npos) << line;
  EXPECT_EQ(e.response_body(), page);
  ExpectNoSecrets(e);
}

// A keep-alive connection that the server closes after reading the next request (as a
// crashing backend or a dropping proxy does). libcurl replays a request that got no answer
// on a reused connection, so one SDK attempt became two requests at the server: the attempt
// cap and the strict idempotency policy (B6) would count wrong. The engine must not replay.
TEST(HostileServer, RequestIsNotReplayedAfterAKeptAliveConnectionDrops) {
  std::atomic<int> connection_index{0};
  RawHttpServer server([&connection_index](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    const int index = connection_index.fetch_add(1);
    if (index == 0) {
      if (!s.ReadRequest(fd, stopping)) return;
      s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\nContent-Length: 0\r\n\r\n");
      s.ReadRequest(fd, stopping);  // the second call's request: read, then dropped
      return;
    }
    while (s.ReadRequest(fd, stopping)) {
      s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\nContent-Length: 0\r\n\r\n");
    }
  });
  ClientOptions o = OptionsFor(server.url());
  o.dedicated_engine = true;  // its own connection pool: the first call's connection is reused
  RoomServiceClient client(o);
  ASSERT_TRUE(client.ListRooms(ListRoomsRequest()).ok());
  auto second = client.ListRooms(ListRoomsRequest());
  EXPECT_EQ(server.requests().size(), 2u) << "one attempt reached the server " << server.requests().size() - 1
                                          << " times";
  ASSERT_FALSE(second.ok()) << "the dropped request was replayed behind the SDK's back";
  EXPECT_EQ(second.error().code(), ErrorCode::kTransport) << second.error().ToString();
  ExpectNoSecrets(second.error());
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A server may close a kept-alive connection while it waits for reuse. The engine keeps such
// connections in its epoll set between calls; the close must neither make the I/O thread spin
// on the readable socket nor break the next call.
TEST(HostileServer, IdleConnectionClosedByTheServerCostsNothingAndIsReplaced) {
  std::atomic<int> connection_index{0};
  RawHttpServer server([&connection_index](int fd, const std::atomic<bool>& stopping, RawHttpServer& s) {
    const int index = connection_index.fetch_add(1);
    while (s.ReadRequest(fd, stopping)) {
      s.WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/protobuf\r\nContent-Length: 0\r\n\r\n");
      if (index == 0) return;  // closes the first connection right after its first answer
    }
  });
  ClientOptions o = OptionsFor(server.url());
  o.dedicated_engine = true;  // its own I/O thread and pool: nothing else runs on them
  RoomServiceClient client(o);
  ASSERT_TRUE(client.ListRooms(ListRoomsRequest()).ok());

  // A spinning I/O thread would burn about a core for the whole second; an idle one, nothing.
  const double cpu0 = ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_LT(ProcessCpuSeconds() - cpu0, 0.25) << "the I/O thread kept waking up for the closed connection";

  auto second = client.ListRooms(ListRoomsRequest());
  EXPECT_TRUE(second.ok()) << Masked(second.ok() ? "" : second.error().ToString());
  EXPECT_EQ(connection_index.load(), 2) << "the second call needed a new connection";
}

}  // namespace
}  // namespace livekit
