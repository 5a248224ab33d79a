// HTTPS for real: lk-mock-server serving TLS with certificates made at run time, called
// through the public client (libcurl engine). Covers a trusted CA, an unknown CA, a wrong
// host name, verification explicitly off, failover between HTTPS regions, the trust boundary
// refusing an http:// region list from an https:// origin, a plain-HTTP client on a TLS
// port, and the server's handshake timeout. Assertions use results, attempts and counters
// (SDK and mock), never timings.

#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/mock_server_process.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"
#include "support/test_certificates.h"

namespace livekit {
namespace {

using livekit::test::MockServerProcess;
using livekit::test::TestCertificates;

// A distinctive secret, so a leak into an error message is unambiguous.
constexpr char kSecret[] = "tls-test-secret-5c1e9a";

TestCertificates* g_certs = nullptr;
MockServerProcess* g_mock = nullptr;  // four HTTPS regions, certificate for 127.0.0.1

std::vector<std::string> TlsArgs(const std::string& cert, const std::string& key) {
  return {"--tls-cert", cert, "--tls-key", key, "--api-secret", kSecret};
}

class TlsEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    g_certs = new TestCertificates();
    g_mock = new MockServerProcess(4, TlsArgs(g_certs->server_cert(), g_certs->server_key()));
  }
  void TearDown() override {
    delete g_mock;
    g_mock = nullptr;
    delete g_certs;
    g_certs = nullptr;
  }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new TlsEnvironment);

std::string HttpsUrl(const MockServerProcess& mock, int region = 0) {
  return "https://127.0.0.1:" + std::to_string(mock.port(region));
}

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// A control request to the mock over HTTPS, trusting the test CA.
std::string HttpsText(const std::string& url, bool post) {
  CURL* c = curl_easy_init();
  std::string body;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_CAINFO, g_certs->ca_cert().c_str());
  if (post) curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK) ADD_FAILURE() << "control request to " << url << ": " << curl_easy_strerror(rc);
  return body;
}

/// apiCalls and discoveries per region, from the mock's /_test/stats over HTTPS.
std::vector<std::pair<int, int>> MockStats(const MockServerProcess& mock) {
  auto json = nlohmann::json::parse(HttpsText(HttpsUrl(mock) + "/_test/stats", false));
  std::vector<std::pair<int, int>> out;
  for (const auto& r : json.at("regions")) out.emplace_back(r.at("apiCalls").get<int>(), r.at("discoveries").get<int>());
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(g_mock, nullptr);
    HttpsText(HttpsUrl(*g_mock) + "/_test/stats/reset", true);
  }

  ClientOptions Options(const std::string& url, const std::string& ca_bundle, bool verify = true) {
    ClientOptions o;
    o.url = url;
    o.api_key = "devkey";
    o.api_secret = kSecret;
    o.timeout = std::chrono::milliseconds(10000);
    o.tls.ca_bundle_path = ca_bundle;
    o.tls.verify = verify;
    o.failover.region_state = state;
    o.failover.logger = MakeNullLogger();
    return o;
  }

  /// Options that force failover between the mock's regions, with a control header.
  ClientOptions FailoverOptions(const MockServerProcess& mock, const std::string& control) {
    ClientOptions o = Options(HttpsUrl(mock), g_certs->ca_cert());
    o.failover.force = true;
    o.headers.emplace_back("X-Lk-Mock", control);
    return o;
  }

  /// The mock region an attempt went to, -1 for another host.
  static int RegionOf(const MockServerProcess& mock, int regions, const Attempt& a) {
    for (int i = 0; i < regions; ++i) {
      if (a.host == "127.0.0.1:" + std::to_string(mock.port(i))) return i;
    }
    return -1;
  }

  /// Checks a refused call: a transport error, no secret and no token in what it says.
  static void ExpectTransportRefusal(const Result<ListRoomsResponse>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kTransport) << r.error().ToString();
    const std::string text = r.error().ToString();
    EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
    EXPECT_EQ(text.find("eyJ"), std::string::npos) << "a JWT in: " << text;  // every JWT starts so
  }

  std::shared_ptr<RegionState> state = std::make_shared<RegionState>();
};

TEST_F(Tls, TrustedCaSucceeds) {
  RoomServiceClient client(Options(HttpsUrl(*g_mock), g_certs->ca_cert()));
  auto r = client.ListRooms(ListRoomsRequest());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(MockStats(*g_mock)[0].first, 1);
}

TEST_F(Tls, UnknownCaIsRefusedWithACertificateError) {
  RoomServiceClient client(Options(HttpsUrl(*g_mock), g_certs->other_ca_cert()));
  auto r = client.ListRooms(ListRoomsRequest());
  ExpectTransportRefusal(r);
  EXPECT_NE(Lower(r.error().message()).find("certificate"), std::string::npos) << r.error().message();
  EXPECT_EQ(MockStats(*g_mock)[0].first, 0);  // the request never reached the server
}

TEST_F(Tls, UnknownCaSucceedsWithVerificationExplicitlyOff) {
  RoomServiceClient client(Options(HttpsUrl(*g_mock), g_certs->other_ca_cert(), /*verify=*/false));
  auto r = client.ListRooms(ListRoomsRequest());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(MockStats(*g_mock)[0].first, 1);
}

TEST_F(Tls, WrongHostNameIsRefusedUnlessVerificationIsOff) {
  // Signed by the trusted CA, but for wrong.example only: only the host name check can fail.
  MockServerProcess wrong(1, TlsArgs(g_certs->wrong_host_cert(), g_certs->wrong_host_key()));
  {
    RoomServiceClient client(Options(HttpsUrl(wrong), g_certs->ca_cert()));
    ExpectTransportRefusal(client.ListRooms(ListRoomsRequest()));
  }
  RoomServiceClient client(Options(HttpsUrl(wrong), g_certs->ca_cert(), /*verify=*/false));
  auto r = client.ListRooms(ListRoomsRequest());
  EXPECT_TRUE(r.ok()) << r.error().ToString();
}

TEST_F(Tls, FailoverBetweenHttpsRegions) {
  RoomServiceClient client(FailoverOptions(*g_mock, R"({"failRegions":[0]})"));
  auto r = client.ListRooms(ListRoomsRequest());
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const auto c = state->counters();
  EXPECT_EQ(c.attempts, 2u);
  EXPECT_EQ(c.failovers, 1u);
  EXPECT_EQ(c.discovery_requests, 1u);
  EXPECT_EQ(c.discovery_failures, 0u);
  EXPECT_EQ(c.regions_rejected, 0u);
  const auto stats = MockStats(*g_mock);
  EXPECT_EQ(stats[0].first, 1);   // the injected failure
  EXPECT_EQ(stats[0].second, 1);  // discovery over https on the origin
  EXPECT_EQ(stats[1].first, 1);   // the call landed on region 1, over https
  EXPECT_EQ(stats[2].first + stats[3].first, 0);
}

TEST_F(Tls, HttpRegionListFromHttpsOriginIsRefused) {
  // The list says http:// while the origin is https://: the trust boundary refuses every entry
  // (no downgrade to plain HTTP) and the call ends with its original error.
  std::vector<std::string> args = TlsArgs(g_certs->server_cert(), g_certs->server_key());
  args.insert(args.end(), {"--advertise-host", "http://127.0.0.1"});
  MockServerProcess mock(2, args);
  RoomServiceClient client(FailoverOptions(mock, R"({"failRegions":[0]})"));
  auto r = client.ListRooms(ListRoomsRequest());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status(), 503) << r.error().ToString();  // region 0's injected failure
  // Every attempt stayed on the https origin (same-host retries, A14); none used an http URL.
  ASSERT_FALSE(r.error().attempts().empty());
  for (const auto& a : r.error().attempts()) EXPECT_EQ(RegionOf(mock, 2, a), 0) << a.host;
  const auto c = state->counters();
  EXPECT_EQ(c.discovery_requests, 1u);
  EXPECT_EQ(c.regions_rejected, 2u);  // both entries of the list
  EXPECT_EQ(c.failovers, 0u);
  const auto stats = MockStats(mock);
  EXPECT_EQ(stats[0].second, 1);
  EXPECT_EQ(stats[0].first, static_cast<int>(r.error().attempts().size()));
  EXPECT_EQ(stats[1].first, 0);  // nothing went to region 1, over either scheme
}

TEST_F(Tls, PlainHttpClientOnTlsPortFailsCleanlyAndServerKeepsServing) {
  {
    RoomServiceClient client(Options("http://127.0.0.1:" + std::to_string(g_mock->port(0)), ""));
    ExpectTransportRefusal(client.ListRooms(ListRoomsRequest()));
  }
  RoomServiceClient client(Options(HttpsUrl(*g_mock), g_certs->ca_cert()));
  auto r = client.ListRooms(ListRoomsRequest());
  EXPECT_TRUE(r.ok()) << r.error().ToString();
}

// Reads from `fd` until the peer closes; false if nothing ends within `limit` (a hang).
bool PeerCloses(int fd, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  char buffer[256];
  while (std::chrono::steady_clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
  return false;
}

int ConnectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST_F(Tls, ClientThatNeverHandshakesIsDisconnected) {
  std::vector<std::string> args = TlsArgs(g_certs->server_cert(), g_certs->server_key());
  args.insert(args.end(), {"--tls-handshake-timeout", "300"});
  MockServerProcess mock(1, args);
  const int fd = ConnectLoopback(mock.port(0));
  ASSERT_GE(fd, 0);
  // The bound only catches a server that never lets go; it is not a speed requirement.
  EXPECT_TRUE(PeerCloses(fd, std::chrono::seconds(60)));
  close(fd);
  RoomServiceClient client(Options(HttpsUrl(mock), g_certs->ca_cert()));
  auto r = client.ListRooms(ListRoomsRequest());
  EXPECT_TRUE(r.ok()) << r.error().ToString();
}

}  // namespace
}  // namespace livekit
