// `lkcpp webhook sign` and `lkcpp webhook verify`.
#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.h"
#include "duration.h"
#include "error_report.h"
#include "livekit/access_token.h"
#include "livekit/webhook_receiver.h"

namespace lkcpp {
namespace {

struct WebhookOptions {
  std::string body_path;
  std::string auth;
  std::chrono::milliseconds ttl = std::chrono::minutes(5);
  bool skip_auth = false;
};

// The whole file, or stdin for "-"; throws a usage error when it cannot be read.
std::string ReadBody(const std::string& path) {
  std::ostringstream out;
  if (path == "-") {
    out << std::cin.rdbuf();
    return out.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CLI::ValidationError("--body", "cannot read " + path);
  out << in.rdbuf();
  return out.str();
}

int RunSign(const WebhookOptions& o, CliContext& ctx) {
  const std::string body = ReadBody(o.body_path);
  livekit::AccessToken token(ctx.api_key, ctx.api_secret);
  token.set_sha256(livekit::WebhookBodySha256(body)).set_ttl(std::chrono::duration_cast<std::chrono::seconds>(o.ttl));
  auto jwt = token.ToJwt();
  if (!jwt.ok()) return ReportError(ctx, ctx.command, jwt.error());
  std::cout << *jwt << "\n";
  return kExitOk;
}

int RunVerify(const WebhookOptions& o, CliContext& ctx) {
  const std::string body = ReadBody(o.body_path);
  livekit::WebhookReceiver receiver(ctx.api_key, ctx.api_secret);
  auto event = receiver.Receive(body, o.auth, o.skip_auth);
  if (!event.ok()) return ReportError(ctx, ctx.command, event.error());
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = !ctx.json;
  if (!google::protobuf::util::MessageToJsonString(*event, &json, print).ok()) {
    return Failure(kExitFailure, "webhook verify: cannot print the event");
  }
  std::cout << json << (ctx.json ? "\n" : "");
  return kExitOk;
}

}  // namespace

void AddWebhookCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "webhook", "Sign and verify webhook requests");

  auto sign_opts = std::make_shared<WebhookOptions>();
  auto* sign = AddCommand(group, "sign", "Print the Authorization header a server would send with a body",
                          ctx, sign_opts, RunSign);
  sign->add_option("--body,-b", sign_opts->body_path, "File holding the body ('-' for stdin)")->required();
  DurationRules whole_seconds;  // the token's exp is in seconds
  whole_seconds.resolution = std::chrono::seconds(1);
  AddDurationOption(sign, "--ttl", sign_opts->ttl, whole_seconds, "Token time to live");

  auto verify_opts = std::make_shared<WebhookOptions>();
  auto* verify = AddCommand(group, "verify", "Verify a webhook and print its event as JSON",
                            ctx, verify_opts, RunVerify);
  verify->add_option("--body,-b", verify_opts->body_path, "File holding the body ('-' for stdin)")->required();
  verify->add_option("--auth,-a", verify_opts->auth, "The Authorization header value");
  verify->add_flag("--skip-auth", verify_opts->skip_auth, "Parse the body without checking the header");
}

}  // namespace lkcpp
