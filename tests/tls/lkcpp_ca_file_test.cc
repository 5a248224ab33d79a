// lkcpp against lk-mock-server's HTTPS listener with a CA made for the test: trusted through
// --ca-file, CURL_CA_BUNDLE or SSL_CERT_FILE (in that order of precedence), refused otherwise.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "support/lkcpp_runner.h"
#include "support/test_certificates.h"

namespace {

using livekit::test::Lkcpp;
using livekit::test::MockServerProcess;
using livekit::test::TestCertificates;

class LkcppCaFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new TestCertificates();
    mock_ = new MockServerProcess(1, {"--tls-cert", certs_->server_cert(), "--tls-key", certs_->server_key()});
  }
  static void TearDownTestSuite() {
    delete mock_;
    delete certs_;
  }
  // `lkcpp room list` over HTTPS with extra arguments and environment.
  static int RoomList(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> all = {"--url", "https://127.0.0.1:" + std::to_string(mock_->port()), "--no-failover",
                                    "room", "list"};
    all.insert(all.begin(), args.begin(), args.end());
    env.push_back("LIVEKIT_API_KEY=devkey");
    env.push_back("LIVEKIT_API_SECRET=secret");
    return Lkcpp(all, env).exit_code;
  }
  static TestCertificates* certs_;
  static MockServerProcess* mock_;
};
TestCertificates* LkcppCaFile::certs_ = nullptr;
MockServerProcess* LkcppCaFile::mock_ = nullptr;

TEST_F(LkcppCaFile, UnknownCaIsATransportFailure) { EXPECT_EQ(RoomList({}), 4); }

TEST_F(LkcppCaFile, TheFlagTrustsTheCa) {
  EXPECT_EQ(RoomList({"--ca-file", certs_->ca_cert()}), 0);
  EXPECT_EQ(RoomList({"--ca-file", certs_->other_ca_cert()}), 4);
}

TEST_F(LkcppCaFile, CurlsAndOpensslsVariablesTrustTheCa) {
  EXPECT_EQ(RoomList({}, {"CURL_CA_BUNDLE=" + certs_->ca_cert()}), 0);
  EXPECT_EQ(RoomList({}, {"SSL_CERT_FILE=" + certs_->ca_cert()}), 0);
}

TEST_F(LkcppCaFile, TheFlagWinsOverTheVariables) {
  EXPECT_EQ(RoomList({"--ca-file", certs_->other_ca_cert()}, {"CURL_CA_BUNDLE=" + certs_->ca_cert()}), 4);
  EXPECT_EQ(RoomList({}, {"CURL_CA_BUNDLE=" + certs_->other_ca_cert(), "SSL_CERT_FILE=" + certs_->ca_cert()}), 4);
}

TEST_F(LkcppCaFile, AnUnreadableFileIsAUsageError) {
  EXPECT_EQ(RoomList({"--ca-file", "/nonexistent/ca.pem"}), 2);
  EXPECT_EQ(RoomList({}, {"SSL_CERT_FILE=/nonexistent/ca.pem"}), 2);
}

}  // namespace
