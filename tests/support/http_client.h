#pragma once
// A tiny blocking HTTP/1.1 client on libcurl, for tests that talk to lk-mock-server directly
// (its control routes, raw Twirp calls) rather than through the SDK.

#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

namespace livekit::test {

struct HttpResult {
  CURLcode curl = CURLE_OK;  // a transport error when not CURLE_OK
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  bool HasHeader(const std::string& lower_name) const { return headers.count(lower_name) != 0; }
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

/// One request on a fresh connection. `headers` are "Name: value" lines.
HttpResult Http(const std::string& method, const std::string& url, const std::string& body = {},
                const std::vector<std::string>& headers = {}, long timeout_ms = 10000);

/// POST {url}/twirp/livekit.{service}/{method} with `body` as JSON (json=true) or protobuf.
HttpResult Twirp(const std::string& base_url, const std::string& service, const std::string& method,
                 const std::string& body, bool json, std::vector<std::string> headers = {},
                 long timeout_ms = 10000);

}  // namespace livekit::test
