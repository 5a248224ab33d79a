#pragma once
// The secrets of a presigned upload, kept out of every message the SDK writes: a presigned
// URL's query string (its signature, credential and policy) and a presigned POST's form
// values, as written and percent-decoded (a server may echo either, S3 does in its
// SignatureDoesNotMatch answer).

#include <string>
#include <string_view>
#include <vector>

namespace livekit::internal {

class SecretValues {
 public:
  /// Adds every value of the query string `query` ("?a=b&c=d", the '?' optional).
  void AddQuery(std::string_view query);
  /// Adds one value (and its percent-decoded form). Values shorter than 6 bytes are not
  /// secrets worth hiding (and would blank out ordinary words).
  void Add(std::string_view value);
  /// `text` with every secret replaced by "[redacted]".
  std::string Redact(std::string text) const;

 private:
  std::vector<std::string> values_;
};

/// `url` without its query string and fragment: what an error may show of a presigned URL.
std::string UrlWithoutQuery(std::string_view url);

}  // namespace livekit::internal
