// The engine's streaming mode (transport/exchange_stream.h) on its own: bodies handed over
// piece by piece, a request body read on demand, and ordinary exchanges on the same pooled
// handles afterwards, unchanged (collected bodies, their own request bodies).
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <memory>
#include <string>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "transport/curl_engine.h"
#include "transport/exchange_stream.h"

namespace livekit::internal {
namespace {

using livekit::test::MockServerProcess;

class Collect final : public ExchangeStream {
 public:
  explicit Collect(std::string upload = {}, bool has_upload = false) : upload_(std::move(upload)), has_upload_(has_upload) {}
  bool OnBodyChunk(int status, std::string_view chunk) override {
    status_ = status;
    ++pieces_;
    body_.append(chunk);
    return true;
  }
  std::int64_t UploadSize() const override { return has_upload_ ? static_cast<std::int64_t>(upload_.size()) : -1; }
  std::size_t ReadBody(char* buffer, std::size_t size) override {
    const std::size_t n = std::min(size, upload_.size() - at_);
    upload_.copy(buffer, n, at_);
    at_ += n;
    return n;
  }
  int status_ = 0;
  int pieces_ = 0;
  std::string body_;

 private:
  std::string upload_;
  bool has_upload_;
  std::size_t at_ = 0;
};

ExchangeResult SendAndWait(CurlEngine& engine, HttpRequest req) {
  std::promise<ExchangeResult> p;
  auto f = p.get_future();
  engine.Send(std::move(req), [&p](ExchangeResult r) { p.set_value(std::move(r)); });
  return f.get();
}

HttpRequest ListRooms(const MockServerProcess& mock) {
  HttpRequest r;
  r.url = mock.url() + "/twirp/livekit.RoomService/ListRooms";
  r.headers = {{"Content-Type", "application/json"}, {"X-Lk-Mock", R"({"skipAuth":true})"}};
  r.body = "{}";
  return r;
}

TEST(CurlEngineStream, StreamedExchangesLeaveThePooledHandlesAsTheyWere) {
  MockServerProcess mock;
  CurlEngine engine;
  for (int round = 0; round < 3; ++round) {
    // A streamed POST with no body: the answer arrives in pieces, nothing is collected.
    HttpRequest build;
    build.url = mock.url() + "/build?agent_id=A";
    build.headers = {{"X-Lk-Mock", R"({"skipAuth":true,"streamLines":3})"}};
    auto lines = std::make_shared<Collect>();
    build.stream = lines;
    auto b = SendAndWait(engine, build);
    ASSERT_TRUE(b.response.has_value()) << b.error.message();
    EXPECT_EQ(b.response->status, 200);
    EXPECT_TRUE(b.response->body.empty());
    EXPECT_EQ(lines->status_, 200);
    EXPECT_GE(lines->pieces_, 1);
    EXPECT_EQ(std::count(lines->body_.begin(), lines->body_.end(), '\n'), 3);

    // An ordinary POST at once, on the handle the streamed one just left (same verb, so the
    // handle is not reset): its body is collected, not handed to a stream.
    auto after = SendAndWait(engine, ListRooms(mock));
    ASSERT_TRUE(after.response.has_value()) << after.error.message();
    EXPECT_NE(after.response->body.find("MOCK_SID"), std::string::npos);

    // A streamed PUT whose body comes from the stream, read on demand.
    HttpRequest put;
    put.verb = HttpRequest::Verb::kPut;
    put.url = mock.url() + "/_test/upload/x";
    put.headers = {{"Content-Type", "application/gzip"}};
    put.stream = std::make_shared<Collect>(std::string(100000, 'z') + "\r\nend", true);
    auto u = SendAndWait(engine, put);
    ASSERT_TRUE(u.response.has_value()) << u.error.message();
    EXPECT_EQ(u.response->status, 200);

    // Ordinary exchanges afterwards: their bodies are sent and collected as always.
    auto p = SendAndWait(engine, ListRooms(mock));
    ASSERT_TRUE(p.response.has_value()) << p.error.message();
    EXPECT_EQ(p.response->status, 200);
    EXPECT_NE(p.response->body.find("MOCK_SID"), std::string::npos);
    HttpRequest get;
    get.verb = HttpRequest::Verb::kGet;
    get.url = mock.url() + "/_test/health";
    auto g = SendAndWait(engine, get);
    ASSERT_TRUE(g.response.has_value());
    EXPECT_EQ(g.response->body.substr(0, 2), "ok");
  }
  auto file = livekit::test::Http("GET", mock.url() + "/_test/uploads/2/file");
  EXPECT_EQ(file.body, std::string(100000, 'z') + "\r\nend");
}

TEST(CurlEngineStream, AStreamThatRefusesAPieceEndsTheExchange) {
  MockServerProcess mock;
  CurlEngine engine;
  class Refuse final : public ExchangeStream {
   public:
    bool OnBodyChunk(int, std::string_view) override { return false; }
  };
  HttpRequest logs;
  logs.verb = HttpRequest::Verb::kGet;
  logs.url = mock.url() + "/logs?agent_id=A&log_type=deploy";
  logs.headers = {{"X-Lk-Mock", R"({"skipAuth":true,"streamLines":3})"}};
  logs.stream = std::make_shared<Refuse>();
  auto r = SendAndWait(engine, logs);
  EXPECT_FALSE(r.response.has_value());
  EXPECT_EQ(r.error.code(), ErrorCode::kTransport);
  // The engine goes on serving.
  auto p = SendAndWait(engine, ListRooms(mock));
  ASSERT_TRUE(p.response.has_value());
  EXPECT_EQ(p.response->status, 200);
}

}  // namespace
}  // namespace livekit::internal
