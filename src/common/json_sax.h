#pragma once
// Runs a SAX handler (member functions null, boolean, number_integer, number_unsigned,
// number_float, string, start_object, key, end_object, start_array, end_array) on RapidJSON's
// reader, the SDK's one JSON library besides protobuf's: it reads strict UTF-8 JSON fast, and
// token payloads and webhook bodies are read on every request. Small DOM reads use
// common/json_document.h.

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace livekit::internal {

/// Deepest nesting of objects and arrays the SDK reads; LiveKit's JSON is a few levels deep.
constexpr int kMaxJsonDepth = 64;

/// What a SAX handler skips: the value of a member it does not read, objects and arrays
/// inside it counted so that the handler knows where the value ends.
class JsonSkip {
 public:
  bool active() const { return depth_ > 0; }
  /// An object or array opens (the first one starts the skip); true, to go on parsing.
  bool Nest() {
    ++depth_;
    return true;
  }
  /// An object or array closes; true, to go on parsing.
  bool Unnest() {
    --depth_;
    return true;
  }

 private:
  int depth_ = 0;
};

/// A JSON number read from its text. RapidJSON 1.1.0's own conversion reads some numbers
/// wrong or out of bounds (0e5 -> garbage, 9...90E308 -> reads past its table of powers:
/// Tencent/rapidjson#1249, #2326; found by tests/fuzz), so the SDK parses numbers as text and
/// converts them here: std::from_chars is correctly rounded and locale-independent. Integers
/// that fit 64 bits stay integers; a double beyond its range (1e400, 1e-400) is kBad.
struct JsonNumber {
  enum Kind { kInt, kUint, kDouble, kBad } kind = kBad;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
};

inline JsonNumber ReadJsonNumber(const char* s, std::size_t n) {
  JsonNumber out;
  const char* end = s + n;
  if (std::string_view(s, n).find_first_of(".eE") == std::string_view::npos) {
    if (n > 0 && s[0] == '-' && std::from_chars(s, end, out.i).ec == std::errc()) {
      out.kind = JsonNumber::kInt;
      return out;
    }
    if (n > 0 && s[0] != '-' && std::from_chars(s, end, out.u).ec == std::errc()) {
      out.kind = JsonNumber::kUint;
      return out;
    }
  }
  const auto r = std::from_chars(s, end, out.d);
  if (r.ec == std::errc() && r.ptr == end) out.kind = JsonNumber::kDouble;
  return out;
}

/// The number events every RapidJSON handler of the SDK shares: numbers arrive as text
/// (kParseNumbersAsStringsFlag, see JsonNumber) and reach the derived handler's Int64, Uint64
/// or Double; RapidJSON's other number events, which that flag never sends, go there too.
template <typename Derived>
struct JsonNumbersFromText {
  bool Int(int i) { return self().Int64(i); }
  bool Uint(unsigned u) { return self().Uint64(u); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool /*copy*/) {
    const JsonNumber v = ReadJsonNumber(s, n);
    switch (v.kind) {
      case JsonNumber::kInt: return self().Int64(v.i);
      case JsonNumber::kUint: return self().Uint64(v.u);
      case JsonNumber::kDouble: return self().Double(v.d);
      case JsonNumber::kBad: break;
    }
    return false;
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

/// True when a string RapidJSON decoded is valid UTF-8. The input is checked before the parse,
/// but RapidJSON turns a lone low-surrogate escape ("\\udc00") into the bytes of a surrogate,
/// which no valid UTF-8 holds (protobuf's JSON parser refuses the escape; found by tests/fuzz).
inline bool DecodedStringIsValid(const char* s, rapidjson::SizeType n) {
  return IsValidUtf8(std::string_view(s, n));
}

/// Runs RapidJSON's reader on `text` with the rules of every JSON read of the SDK: valid
/// UTF-8 only, no NUL byte, an iterative parse, numbers as text. `events` is a RapidJSON
/// handler built on JsonNumbersFromText. False on invalid input or when a handler returned false.
template <typename Events>
bool ReadJsonEvents(std::string_view text, Events* events) {
  // One pass over the bytes first: faster than RapidJSON's per-character validation.
  if (!IsValidUtf8(text)) return false;
  // RapidJSON takes a NUL byte for the end of its input and would ignore what follows it
  // (found by tests/fuzz); JSON text never holds one.
  if (text.find('\0') != std::string_view::npos) return false;
  rapidjson::Reader reader;
  rapidjson::MemoryStream in(text.data(), text.size());
  // Iterative: deep nesting in hostile input must not exhaust the stack.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  return !reader.Parse<kFlags>(in, *events).IsError();
}

/// Parses `text` (strict JSON, valid UTF-8, one value) into `handler`. False on invalid
/// UTF-8, on a syntax error, or when the handler stopped the parse by returning false.
/// Nesting depth is the handler's to limit (kMaxJsonDepth is the SDK's limit).
template <typename Handler>
bool SaxParse(std::string_view text, Handler* handler) {
  struct Adapter : JsonNumbersFromText<Adapter> {
    explicit Adapter(Handler* target) : h(target) {}
    Handler* h;
    std::string scratch;
    bool Null() { return h->null(); }
    bool Bool(bool b) { return h->boolean(b); }
    bool Int64(std::int64_t i) { return h->number_integer(i); }
    bool Uint64(std::uint64_t u) { return h->number_unsigned(u); }
    bool Double(double d) { return h->number_float(d, scratch); }
    bool String(const char* s, rapidjson::SizeType n, bool) {
      if (!DecodedStringIsValid(s, n)) return false;
      std::string v(s, n);
      return h->string(v);
    }
    bool StartObject() { return h->start_object(0); }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
      if (!DecodedStringIsValid(s, n)) return false;
      std::string k(s, n);
      return h->key(k);
    }
    bool EndObject(rapidjson::SizeType) { return h->end_object(); }
    bool StartArray() { return h->start_array(0); }
    bool EndArray(rapidjson::SizeType) { return h->end_array(); }
  };
  Adapter adapter(handler);
  return ReadJsonEvents(text, &adapter);
}

}  // namespace livekit::internal
