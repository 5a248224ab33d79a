#pragma once
// RapidJSON's DOM under the rules every JSON read of the SDK follows (common/json_sax.h): valid
// UTF-8 only, no NUL byte (RapidJSON would stop reading there), an iterative parse (hostile
// nesting cannot exhaust the stack), numbers converted by ReadJsonNumber. For small answers
// read once per failure or per unusual token (Twirp errors, region lists, token headers);
// the hot paths use SaxParse.

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "common/json_sax.h"

namespace livekit::internal {

/// Parses `text` into `doc`; false when it is not one valid JSON value.
inline bool ParseJsonDocument(std::string_view text, rapidjson::Document* doc) {
  // Forwards the reader's events to the document (numbers converted by JsonNumbersFromText).
  struct Events : JsonNumbersFromText<Events> {
    explicit Events(rapidjson::Document* document) : d(document) {}
    rapidjson::Document* d;
    bool Null() { return d->Null(); }
    bool Bool(bool b) { return d->Bool(b); }
    bool Int64(std::int64_t i) { return d->Int64(i); }
    bool Uint64(std::uint64_t u) { return d->Uint64(u); }
    bool Double(double v) { return d->Double(v); }
    bool String(const char* s, rapidjson::SizeType n, bool copy) {
      return DecodedStringIsValid(s, n) && d->String(s, n, copy);
    }
    bool StartObject() { return d->StartObject(); }
    bool Key(const char* s, rapidjson::SizeType n, bool copy) {
      return DecodedStringIsValid(s, n) && d->Key(s, n, copy);
    }
    bool EndObject(rapidjson::SizeType members) { return d->EndObject(members); }
    bool StartArray() { return d->StartArray(); }
    bool EndArray(rapidjson::SizeType elements) { return d->EndArray(elements); }
  };
  struct Generator {
    std::string_view text;
    bool ok = false;
    bool operator()(rapidjson::Document& d) {
      Events events(&d);
      ok = ReadJsonEvents(text, &events);
      return ok;
    }
  };
  Generator generator{text};
  doc->Populate(generator);
  return generator.ok;
}

/// The member `name` of object `v` when it is a string, else null.
inline const rapidjson::Value* StringMember(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it != v.MemberEnd() && it->value.IsString() ? &it->value : nullptr;
}

/// A string value's bytes (which may hold NUL escapes).
inline std::string StringOf(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

}  // namespace livekit::internal
