// The fast proto3 JSON reader must read exactly what protobuf's parser reads, or give up.
// Differential tests: random messages printed by protobuf, hand-written edge cases, and
// random mutations of JSON text.
#include "webhook/proto_json_reader.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <random>

#include "livekit_webhook.pb.h"

namespace livekit::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

bool ProtobufParse(const std::string& json, Message* m) {
  google::protobuf::util::JsonParseOptions o;
  o.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(json, m, o).ok();
}

// If the fast reader accepts `json`, protobuf must accept it too, with the same result.
// Returns whether the fast reader accepted it.
bool AgreesWithProtobuf(const std::string& json) {
  WebhookEvent fast, reference;
  const bool fast_ok = ReadProtoJsonFast(json, &fast);
  const bool reference_ok = ProtobufParse(json, &reference);
  if (fast_ok) {
    EXPECT_TRUE(reference_ok) << "fast reader accepted what protobuf refuses: " << json;
    EXPECT_TRUE(MessageDifferencer::Equals(fast, reference))
        << json << "\nfast: " << fast.ShortDebugString() << "\nprotobuf: " << reference.ShortDebugString();
  }
  return fast_ok;
}

std::string RandomString(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\x01",
                                                  "é", "☃", "😀", "room-", "{", "}", "[", "]", ":"};
  std::string s;
  const int n = static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

void FillRandomly(Message* m, std::mt19937& rng, int depth) {
  const auto* d = m->GetDescriptor();
  const auto* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (rng() % 3 == 0) continue;
    const int count = f->is_repeated() ? static_cast<int>(rng() % 3) : 1;
    for (int k = 0; k < count; ++k) {
      const bool rep = f->is_repeated();
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32: {
          const auto v = static_cast<std::int32_t>(rng());
          rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_INT64: {
          const auto v = static_cast<std::int64_t>((std::uint64_t{rng()} << 32) | rng());
          rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_UINT32: {
          const auto v = static_cast<std::uint32_t>(rng());
          rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_UINT64: {
          const auto v = (std::uint64_t{rng()} << 32) | rng();
          rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_DOUBLE: {
          const double v = (static_cast<double>(rng()) - 2e9) / 7.0;
          rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_FLOAT: {
          const float v = (static_cast<float>(rng() % 100000) - 50000.0f) / 3.0f;
          rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_BOOL:
          rep ? r->AddBool(m, f, rng() % 2 == 0) : r->SetBool(m, f, rng() % 2 == 0);
          break;
        case FieldDescriptor::CPPTYPE_ENUM: {
          const auto* e = f->enum_type();
          const int v = e->value(static_cast<int>(rng() % static_cast<unsigned>(e->value_count())))->number();
          rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string v = RandomString(rng);
          if (f->type() == FieldDescriptor::TYPE_BYTES) v += std::string(1, static_cast<char>(rng() % 256));
          rep ? r->AddString(m, f, v) : r->SetString(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE:
          if (depth >= 3) break;
          if (f->message_type()->file()->package() == "google.protobuf") break;  // fast reader gives up anyway
          FillRandomly(rep ? r->AddMessage(m, f) : r->MutableMessage(m, f), rng, depth + 1);
          break;
      }
    }
  }
}

TEST(ProtoJsonReaderTest, RandomEventsPrintedByProtobufAreReadAsProtobufReadsThem) {
  std::mt19937 rng(2024);  // fixed seed: failures reproduce
  int accepted = 0;
  for (int i = 0; i < 300; ++i) {
    WebhookEvent original;
    FillRandomly(&original, rng, 0);
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = i % 2 == 1;
    print.always_print_primitive_fields = i % 3 == 0;
    print.always_print_enums_as_ints = i % 5 == 0;
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &json, print).ok());
    // The reference is protobuf's reading of the text (printing may lose e.g. which
    // member of a oneof was set last), so compare with that.
    if (AgreesWithProtobuf(json)) ++accepted;
  }
  // Bytes fields make it give up on some; most must take the fast path or it is useless.
  EXPECT_GT(accepted, 100);
}

TEST(ProtoJsonReaderTest, HandWrittenEdgeCases) {
  struct Case {
    std::string json;
    bool fast;  // whether the fast reader should take it
  };
  const std::vector<Case> cases = {
      {R"({})", true},
      {R"({"event":"room_started","room":{"name":"r","numParticipants":3}})", true},
      {R"({"event":"x","room":null,"id":null})", true},
      {R"({"created_at":"17","room":{"empty_timeout":5}})", true},           // proto names
      {R"({"createdAt":17})", true},                                          // int64 as a number
      {R"({"createdAt":"-17"})", true},
      {R"({"numDropped":"12"})", true},                                       // int32 quoted
      {R"({"participant":{"state":2}})", true},                               // enum as a number
      {R"({"participant":{"state":"ACTIVE","attributes":{"a":"1","b":""}}})", true},
      {R"({"room":{"enabledCodecs":[{"mime":"a"},{"mime":"b"}]}})", true},
      {R"({"unknown":{"deep":[1,{"x":[null,true]}],"more":"s"},"event":"e"})", true},
      {R"({"event":"caf\u00e9 \ud83d\ude00"})", true},
      {R"({"createdAt":1.5})", false},                                        // protobuf decides
      {R"({"createdAt":"abc"})", false},
      {R"({"numDropped":4294967296})", false},
      {R"({"participant":{"state":"NO_SUCH_STATE"}})", false},
      {R"({"room":{"enabledCodecs":{"mime":"a"}}})", false},
      {R"({"event":5})", false},
      {R"({"event":["a"]})", false},
      {R"([])", false},
      {R"("text")", false},
      {R"({"event":"a"} trailing)", false},
      {R"({"event":"a",})", false},
      {"{\"event\":\"\xff\"}", false},                                        // invalid UTF-8
      {R"({"event":"\ud800"})", false},                                       // lone surrogate
      {R"({"event":"t\udd88rue"})", false},                                   // lone low surrogate
      {R"({"\udc00":"x"})", false},                                           // ... in a key
      {R"({"participant":{"attributes":{"a\udfff":"1"}}})", false},
      {R"({"participant":{"attributes":{"a":null}}})", false},
      {R"({"participant":{"attributes":{"a":"1","a":"2"}}})", false},        // a map key twice
      {R"({"participant":{"attributes":{"a":"1"},"attributes":{"b":"2"}}})", true},
      {R"({"room":{"enabledCodecs":[null]}})", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AgreesWithProtobuf(c.json), c.fast) << c.json;
  }
}

TEST(ProtoJsonReaderTest, RandomTextMutationsNeverDisagree) {
  std::mt19937 rng(99);
  WebhookEvent original;
  FillRandomly(&original, rng, 0);
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(original, &json).ok());
  const std::string alphabet = "{}[]\",:0123456789.-eE truefalsn\\u";
  for (int i = 0; i < 2000; ++i) {
    std::string t = json;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !t.empty(); ++e) {
      const std::size_t pos = rng() % t.size();
      if (rng() % 2 == 0) t[pos] = alphabet[rng() % alphabet.size()];
      else t.erase(pos, 1);
    }
    AgreesWithProtobuf(t);
  }
}

}  // namespace
}  // namespace livekit::internal
