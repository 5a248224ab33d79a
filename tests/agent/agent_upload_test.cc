// Presigned uploads (livekit/agent_upload.h) against lk-mock-server, which records each
// upload byte-exact: PUT and multipart POST, from memory and from a file, and the failures.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <future>
#include <random>

#include "livekit/agent_upload.h"
#include "support/files.h"
#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace livekit {
namespace {

using livekit::test::Http;
using livekit::test::MockServerProcess;
using livekit::test::TempFile;
using nlohmann::json;

constexpr const char* kSignature = "X-Amz-Signature=f00dfeedcafe0123456789";

// Bytes that look like multipart framing and line ends, every byte value included.
std::string TrickyBytes(std::size_t size, unsigned seed) {
  std::string out = "--lk-upload-0123\r\n\r\nContent-Disposition: form-data; name=\"file\"\r\n--\r\n";
  for (int b = 0; b < 256; ++b) out.push_back(static_cast<char>(b));
  std::mt19937 rng(seed);
  while (out.size() < size) {
    const auto r = rng();
    if (r % 97 == 0) out += "\r\n--lk-upload-" + std::to_string(r) + "--\r\n";
    else out.push_back(static_cast<char>(r & 0xff));
  }
  out.resize(size);
  return out;
}

json Uploads(const MockServerProcess& mock) {
  auto r = Http("GET", mock.url() + "/_test/uploads");
  EXPECT_EQ(r.status, 200);
  return json::parse(r.body)["uploads"];
}

std::string UploadedFile(const MockServerProcess& mock, int n) {
  auto r = Http("GET", mock.url() + "/_test/uploads/" + std::to_string(n) + "/file");
  EXPECT_EQ(r.status, 200);
  return r.body;
}

UploadOptions WithControl(const std::string& control) {
  UploadOptions o;
  o.headers.emplace_back("X-Lk-Mock", control);
  return o;
}

PresignedPostRequest Post(const MockServerProcess& mock, std::map<std::string, std::string> values) {
  PresignedPostRequest post;
  post.set_url(mock.url() + "/_test/upload/bucket?" + kSignature);
  for (auto& [k, v] : values) (*post.mutable_values())[k] = v;
  return post;
}

TEST(AgentUpload, PutSendsTheBytesExactlyWithoutAuthorization) {
  MockServerProcess mock;
  const std::string bytes = TrickyBytes(200 * 1024, 1);
  Status s = UploadToPresignedUrl(mock.url() + "/_test/upload/source.tar.gz?" + kSignature,
                                  UploadSource::FromBytes(bytes));
  ASSERT_TRUE(s.ok()) << s.message();
  const json uploads = Uploads(mock);
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0]["method"], "PUT");
  EXPECT_EQ(uploads[0]["contentType"], "application/gzip");
  EXPECT_EQ(uploads[0]["contentLength"], std::to_string(bytes.size()));
  EXPECT_EQ(uploads[0]["authorization"], false);
  EXPECT_TRUE(UploadedFile(mock, 0) == bytes);
}

TEST(AgentUpload, PutStreamsALargeFile) {
  MockServerProcess mock;
  const std::string bytes = TrickyBytes(6 * 1024 * 1024 + 13, 2);
  TempFile file(bytes);
  auto f = UploadToPresignedUrlAsync(mock.url() + "/_test/upload/big.tar.gz", UploadSource::FromFile(file.path()));
  Status s = f.get();
  ASSERT_TRUE(s.ok()) << s.message();
  const json uploads = Uploads(mock);
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0]["contentLength"], std::to_string(bytes.size()));
  EXPECT_TRUE(UploadedFile(mock, 0) == bytes);
}

TEST(AgentUpload, PostSendsTheFieldsInKeyOrderThenTheFile) {
  MockServerProcess mock;
  const std::string bytes = TrickyBytes(6 * 1024 * 1024 + 7, 3);
  TempFile file(bytes);
  PresignedPostRequest post = Post(mock, {{"key", "projects/p/agents/CA_1/source.tar.gz"},
                                          {"policy", "eyJleHBpcmF0aW9uIjoi\"quoted\"\r\nline"},
                                          {"X-Amz-Signature", "0badc0ffee0badc0ffee"},
                                          {"Content-Type", "application/gzip"}});
  Status s = UploadToPresignedPost(post, UploadSource::FromFile(file.path()));
  ASSERT_TRUE(s.ok()) << s.message();
  const json uploads = Uploads(mock);
  ASSERT_EQ(uploads.size(), 1u);
  const json& u = uploads[0];
  EXPECT_EQ(u["method"], "POST");
  EXPECT_EQ(u["authorization"], false);
  EXPECT_EQ(u["contentType"].get<std::string>().rfind("multipart/form-data; boundary=", 0), 0u);
  const json expected_fields = json::array({json::array({"Content-Type", "application/gzip"}),
                                            json::array({"X-Amz-Signature", "0badc0ffee0badc0ffee"}),
                                            json::array({"key", "projects/p/agents/CA_1/source.tar.gz"}),
                                            json::array({"policy", "eyJleHBpcmF0aW9uIjoi\"quoted\"\r\nline"})});
  EXPECT_EQ(u["fields"], expected_fields);
  EXPECT_EQ(u["filename"], "projects/p/agents/CA_1/source.tar.gz");
  EXPECT_EQ(u["fileBytes"], bytes.size());
  EXPECT_TRUE(UploadedFile(mock, 0) == bytes);
}

TEST(AgentUpload, PostWithoutAKeyNamesTheFileUploadTarGz) {
  MockServerProcess mock;
  const std::string bytes = TrickyBytes(1000, 4);
  std::promise<Status> done;
  UploadToPresignedPostAsync(Post(mock, {{"acl", "private"}}), UploadSource::FromBytes(bytes),
                             [&done](Status s) { done.set_value(std::move(s)); });
  Status s = done.get_future().get();
  ASSERT_TRUE(s.ok()) << s.message();
  const json uploads = Uploads(mock);
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0]["filename"], "upload.tar.gz");
  EXPECT_EQ(uploads[0]["fields"], json::array({json::array({"acl", "private"})}));
  EXPECT_TRUE(UploadedFile(mock, 0) == bytes);
}

TEST(AgentUpload, A4xxSaysStatusAndBodyButNeverTheSignature) {
  MockServerProcess mock;
  // The mock's error echoes the resource with its query string, as S3 does.
  Status s = UploadToPresignedUrl(mock.url() + "/_test/upload/x?" + kSignature, UploadSource::FromBytes("abc"),
                                  WithControl(R"({"failRegions":[0],"failStatus":403})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kServerRejection);
  EXPECT_EQ(s.error().http_status(), 403);
  EXPECT_NE(s.message().find("HTTP 403"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("AccessDenied"), std::string::npos) << s.message();
  const std::string secret = "f00dfeedcafe0123456789";
  EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
  EXPECT_EQ(s.error().response_body().find(secret), std::string::npos);
  EXPECT_EQ(s.error().url().find('?'), std::string::npos) << s.error().url();
  EXPECT_EQ(s.error().ToString().find(secret), std::string::npos);
  EXPECT_TRUE(Uploads(mock).empty());
}

TEST(AgentUpload, A5xxIsAServerFailure) {
  MockServerProcess mock;
  Status s = UploadToPresignedPost(Post(mock, {{"key", "k"}}), UploadSource::FromBytes("abc"),
                                   WithControl(R"({"failRegions":[0],"failStatus":503})"));
  EXPECT_EQ(s.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(s.error().http_status(), 503);
}

TEST(AgentUpload, AHangHitsTheDeadlineAndCancelStopsIt) {
  MockServerProcess mock;
  UploadOptions o = WithControl(R"({"failRegions":[0],"failMode":"hang"})");
  o.timeout = std::chrono::milliseconds(300);
  Status s = UploadToPresignedUrl(mock.url() + "/_test/upload/x?" + kSignature, UploadSource::FromBytes("abc"), o);
  EXPECT_EQ(s.code(), ErrorCode::kTimeout) << s.message();
  EXPECT_EQ(s.message().find("f00dfeed"), std::string::npos);

  o.timeout = std::chrono::minutes(1);
  std::promise<Status> done;
  CallHandle h = UploadToPresignedUrlAsync(mock.url() + "/_test/upload/x", UploadSource::FromBytes("abc"),
                                           [&done](Status r) { done.set_value(std::move(r)); }, o);
  h.Cancel();
  EXPECT_EQ(done.get_future().get().code(), ErrorCode::kCancelled);
}

TEST(AgentUpload, ADroppedConnectionIsATransportError) {
  MockServerProcess mock;
  Status s = UploadToPresignedUrl(mock.url() + "/_test/upload/x", UploadSource::FromBytes("abc"),
                                  WithControl(R"({"failRegions":[0],"failMode":"drop"})"));
  EXPECT_EQ(s.code(), ErrorCode::kTransport) << s.message();
}

TEST(AgentUpload, UnusableInputsAreInvalidArguments) {
  MockServerProcess mock;
  Status missing = UploadToPresignedUrl(mock.url() + "/_test/upload/x", UploadSource::FromFile("/nonexistent/a.tgz"));
  EXPECT_EQ(missing.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.message().find("/nonexistent/a.tgz"), std::string::npos);

  Status bad_url = UploadToPresignedUrl("ftp://example.com/x?sig=supersecretvalue", UploadSource::FromBytes("a"));
  EXPECT_EQ(bad_url.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_url.message().find("supersecretvalue"), std::string::npos);

  UploadOptions auth;
  auth.headers.emplace_back("authorization", "Bearer x");
  EXPECT_EQ(UploadToPresignedUrl(mock.url() + "/_test/upload/x", UploadSource::FromBytes("a"), auth).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Uploads(mock).empty());
}

}  // namespace
}  // namespace livekit
