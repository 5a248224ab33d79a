// Non-2xx answers as Errors: Twirp JSON and plain text.
#include <gtest/gtest.h>

#include "twirp/twirp_error.h"

namespace livekit::internal {
namespace {

HttpResponse Answer(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(TwirpError, JsonBodyWithMeta) {
  Error e = ErrorFromResponse(Answer(
      404, R"({"code":"not_found","msg":"room not found","meta":{"sip_status_code":"486","sip_status":"Busy Here","n":3}})"));
  EXPECT_EQ(e.code(), ErrorCode::kServerRejection);
  EXPECT_EQ(e.http_status(), 404);
  EXPECT_EQ(e.twirp_code(), "not_found");
  EXPECT_EQ(e.message(), "room not found");
  EXPECT_EQ(e.metadata().at("sip_status"), "Busy Here");
  EXPECT_EQ(e.metadata().at("n"), "3");
  EXPECT_EQ(e.sip_status_code(), 486);
  EXPECT_EQ(e.sip_status(), "Busy Here");
}

TEST(TwirpError, ServerFailure) {
  Error e = ErrorFromResponse(Answer(503, R"({"code":"unavailable","msg":"down"})"));
  EXPECT_EQ(e.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(e.twirp_code(), "unavailable");
}

TEST(TwirpError, PlainTextKeepsStatusAndText) {
  Error e = ErrorFromResponse(Answer(451, "project not allowed in this region.\n"));
  EXPECT_EQ(e.code(), ErrorCode::kRegionPinned);
  EXPECT_EQ(e.http_status(), 451);
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_EQ(e.message(), "project not allowed in this region.");
  Error bad_gateway = ErrorFromResponse(Answer(502, "<html>bad gateway</html>"));
  EXPECT_EQ(bad_gateway.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(bad_gateway.message(), "<html>bad gateway</html>");
}

TEST(TwirpError, JsonWithoutCodeIsPlainText) {
  Error e = ErrorFromResponse(Answer(400, R"({"error":"x"})"));
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_EQ(e.message(), R"({"error":"x"})");
}

TEST(TwirpError, EmptyBodyNamesTheStatus) {
  Error e = ErrorFromResponse(Answer(500, ""));
  EXPECT_EQ(e.message(), "HTTP 500");
}

TEST(TwirpError, CodesForStatuses) {
  EXPECT_EQ(ErrorCodeForStatus(400), ErrorCode::kServerRejection);
  EXPECT_EQ(ErrorCodeForStatus(499), ErrorCode::kServerRejection);
  EXPECT_EQ(ErrorCodeForStatus(451), ErrorCode::kRegionPinned);
  EXPECT_EQ(ErrorCodeForStatus(500), ErrorCode::kServerFailure);
  EXPECT_EQ(ErrorCodeForStatus(302), ErrorCode::kBadResponse);
}

}  // namespace
}  // namespace livekit::internal
