// Non-2xx answers as Errors: Twirp JSON, and what a server that is not LiveKit sends (an
// HTML page, plain text) as one line, with the whole body kept apart.
#include <gtest/gtest.h>

#include <string>

#include "twirp/twirp_error.h"

namespace livekit::internal {
namespace {

HttpResponse Answer(int status, std::string body, std::string content_type = "") {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  if (!content_type.empty()) r.headers = {{"Content-Type", std::move(content_type)}};
  return r;
}

// What Python's http.server answers a POST with.
constexpr const char* kPythonHttpServer501 = R"(<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: 501</p>
        <p>Message: Unsupported method (&#x27;POST&#x27;).</p>
        <p>Error code explanation: 501 - Server does not support this operation.</p>
    </body>
</html>
)";

bool HasControlCharacter(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
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
  Error e = ErrorFromResponse(Answer(451, "project not allowed in this region.\n", "text/plain; charset=utf-8"));
  EXPECT_EQ(e.code(), ErrorCode::kRegionPinned);
  EXPECT_EQ(e.http_status(), 451);
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_EQ(e.message(), "HTTP 451 (text/plain, 36 bytes, not a Twirp error): project not allowed in this region.");
  EXPECT_EQ(e.response_body(), "project not allowed in this region.\n");
  Error bad_gateway = ErrorFromResponse(Answer(502, "<html>bad gateway</html>"));
  EXPECT_EQ(bad_gateway.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(bad_gateway.message(), "HTTP 502 (no Content-Type, 24 bytes, not a Twirp error): bad gateway");
  EXPECT_EQ(bad_gateway.response_body(), "<html>bad gateway</html>");
}

TEST(TwirpError, JsonWithoutCodeIsPlainText) {
  Error e = ErrorFromResponse(Answer(400, R"({"error":"x"})", "application/json"));
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_EQ(e.message(), R"(HTTP 400 (application/json, 13 bytes, not a Twirp error): {"error":"x"})");
}

TEST(TwirpError, EmptyBodyNamesTheStatus) {
  Error e = ErrorFromResponse(Answer(500, ""));
  EXPECT_EQ(e.message(), "HTTP 500 (no Content-Type, empty body, not a Twirp error)");
  EXPECT_EQ(e.response_body(), "");
  // The status shows once in the summary line.
  EXPECT_EQ(e.ToString(), "server_failure: HTTP 500 (no Content-Type, empty body, not a Twirp error)");
}

TEST(TwirpError, HtmlPageIsOneLineWithStatusTypeAndFirstLine) {
  const Error e = ErrorFromResponse(Answer(501, kPythonHttpServer501, "text/html;charset=utf-8"));
  EXPECT_EQ(e.code(), ErrorCode::kServerFailure);
  EXPECT_EQ(e.http_status(), 501);
  const std::string size = std::to_string(std::string(kPythonHttpServer501).size());
  EXPECT_EQ(e.message(), "HTTP 501 (text/html, " + size + " bytes, not a Twirp error): Error response");
  EXPECT_EQ(e.ToString(), "server_failure: " + e.message());
  // The whole page stays available to whoever wants it.
  EXPECT_EQ(e.response_body(), kPythonHttpServer501);
}

TEST(TwirpError, PageTextSkipsScriptsStylesCommentsAndDecodesEntities) {
  const Error e = ErrorFromResponse(Answer(
      502,
      "<html><head><style>h1 { color: red }</style><script>var a = '<b>';</script><!-- nginx -->"
      "</head><body><h1>Bad &amp; <b>broken</b> gateway &#8212; retry</h1><p>later</p></body></html>",
      "text/html"));
  EXPECT_NE(e.message().find("): Bad & broken gateway \xE2\x80\x94 retry"), std::string::npos) << e.message();
  EXPECT_EQ(e.message().find("later"), std::string::npos) << e.message();
}

TEST(TwirpError, FirstLineLosesControlCharactersAndIsBounded) {
  // A terminal escape, a NUL, a C1 CSI and tabs: none reaches the message.
  using std::string_literals::operator""s;
  Error e = ErrorFromResponse(
      Answer(500, "\n\n  \x1b[31mred\x1b[0m\ttext\x00 \xC2\x9B" "2J\r\nsecond line\n"s, "text/plain"));
  EXPECT_FALSE(HasControlCharacter(e.message())) << e.message();
  EXPECT_NE(e.message().find("): [31mred[0m text 2J"), std::string::npos) << e.message();
  EXPECT_EQ(e.message().find("second line"), std::string::npos) << e.message();
  EXPECT_EQ(e.message().find("\xC2\x9B"), std::string::npos);

  // A long first line is cut at a character boundary, with an ellipsis.
  std::string long_line;
  for (int i = 0; i < 300; ++i) long_line += "\xC3\xA9";  // "é", 2 bytes each
  e = ErrorFromResponse(Answer(503, long_line + "\nmore", "text/plain"));
  const std::string shown = e.message().substr(e.message().find("): ") + 3);
  EXPECT_LE(shown.size(), 200u + 3u);
  EXPECT_GE(shown.size(), 150u);
  EXPECT_EQ(shown.substr(shown.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(shown.substr(0, shown.size() - 3).size() % 2, 0u) << "cut inside a character";
  EXPECT_EQ(e.response_body(), long_line + "\nmore");
}

TEST(TwirpError, TokensEchoedInTheBodyAreRedactedEverywhere) {
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  const Error e = ErrorFromResponse(
      Answer(400, "<html><body><p>Bad request: Authorization: Bearer " + jwt + "</p></body></html>", "text/html"));
  EXPECT_EQ(e.message().find(jwt), std::string::npos) << e.message();
  EXPECT_EQ(e.response_body().find(jwt), std::string::npos) << e.response_body();
  EXPECT_NE(e.response_body().find("Bearer [redacted]"), std::string::npos) << e.response_body();
}

TEST(TwirpError, TwirpMessageIsOneLine) {
  Error e = ErrorFromResponse(Answer(400, R"({"code":"invalid_argument","msg":"bad\nroom\tname"})"));
  EXPECT_EQ(e.message(), "bad room name");
  EXPECT_EQ(e.ToString(), "server_rejection (HTTP 400 invalid_argument): bad room name");
  EXPECT_EQ(e.response_body(), R"({"code":"invalid_argument","msg":"bad\nroom\tname"})");
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
