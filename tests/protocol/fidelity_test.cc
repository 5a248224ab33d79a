// Proves that the C++ protocol code says exactly what the pinned npm package says:
// every message, field and enum value of @livekit/protocol's runtime reflection
// (dumped by protocol/generate.mjs) equals the descriptors protoc compiled.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include "livekit_webhook.pb.h"
#include <set>
#include <sstream>
#include <string>

namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The reflection's spelling of a field's type: a scalar name, or "message:<name>" / "enum:<name>".
std::string TypeOf(const FieldDescriptor* f) {
  switch (f->type()) {
    case FieldDescriptor::TYPE_MESSAGE: return "message:" + f->message_type()->full_name();
    case FieldDescriptor::TYPE_ENUM: return "enum:" + f->enum_type()->full_name();
    default: return f->type_name();
  }
}

// Compares one message of the reflection with its descriptor; returns the differences.
std::vector<std::string> Compare(const json& msg, const Descriptor* d) {
  std::vector<std::string> diffs;
  const std::string name = msg["name"];
  auto diff = [&](const std::string& what) { diffs.push_back(name + ": " + what); };
  if (d == nullptr) {
    diff("missing from the C++ descriptors");
    return diffs;
  }
  if (static_cast<std::size_t>(d->field_count()) != msg["fields"].size()) {
    diff("field count " + std::to_string(d->field_count()) + " vs " + std::to_string(msg["fields"].size()));
  }
  for (const auto& jf : msg["fields"]) {
    const int number = jf["number"];
    const FieldDescriptor* f = d->FindFieldByNumber(number);
    const std::string where = "field " + std::to_string(number) + " ";
    if (f == nullptr) {
      diff(where + "missing");
      continue;
    }
    if (f->name() != jf["name"]) diff(where + "name " + f->name());
    if (f->json_name() != jf["json_name"]) diff(where + "json_name " + f->json_name());
    const bool repeated = f->is_repeated();
    if (repeated != (jf["label"] == "repeated")) diff(where + "label");
    if (f->has_optional_keyword() != jf["proto3_optional"].get<bool>()) diff(where + "proto3 optional");
    const auto* oneof = f->real_containing_oneof();
    if ((oneof ? oneof->name() : std::string()) != jf["oneof"]) diff(where + "oneof");
    if (f->options().deprecated() != jf["deprecated"].get<bool>()) diff(where + "deprecated");
    if (f->is_map()) {
      if (jf["type"] != "map") diff(where + "is a map, reflection says " + jf["type"].get<std::string>());
      const auto* entry = f->message_type();
      if (TypeOf(entry->map_key()) != jf["map_key"]) diff(where + "map key " + TypeOf(entry->map_key()));
      if (TypeOf(entry->map_value()) != jf["map_value"]) diff(where + "map value " + TypeOf(entry->map_value()));
    } else {
      if (TypeOf(f) != jf["type"]) diff(where + "type " + TypeOf(f) + " vs " + jf["type"].get<std::string>());
      if (f->is_packed() != jf["packed"].get<bool>()) diff(where + "packed");
    }
  }
  return diffs;
}

std::vector<std::string> Compare(const json& en, const EnumDescriptor* e) {
  std::vector<std::string> diffs;
  const std::string name = en["name"];
  if (e == nullptr) return {name + ": enum missing from the C++ descriptors"};
  if (static_cast<std::size_t>(e->value_count()) != en["values"].size()) diffs.push_back(name + ": value count");
  for (std::size_t i = 0; i < en["values"].size() && i < static_cast<std::size_t>(e->value_count()); ++i) {
    const auto& jv = en["values"][i];
    const auto* v = e->value(static_cast<int>(i));
    if (v->name() != jv["name"] || v->number() != jv["number"].get<int>()) {
      diffs.push_back(name + ": value " + v->name() + " = " + std::to_string(v->number()) + " vs " +
                      jv["name"].get<std::string>());
    }
  }
  return diffs;
}

class ProtocolFidelity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    reflection_ = new json(json::parse(ReadFile(LIVEKIT_PROTO_REFLECTION)));
    google::protobuf::FileDescriptorSet set;
    ASSERT_TRUE(set.ParseFromString(ReadFile(LIVEKIT_PROTO_DESCRIPTORS_ALL)));
    all_files_ = new DescriptorPool();
    for (const auto& file : set.file()) ASSERT_NE(all_files_->BuildFile(file), nullptr) << file.name();
  }
  static void TearDownTestSuite() {
    delete reflection_;
    delete all_files_;
  }
  // Compares every type of the files `pool` holds; files it lacks are skipped when allowed.
  static void CompareAll(const DescriptorPool* pool, bool all_required, int* files_compared, int* types_compared) {
    for (const auto& file : (*reflection_)["files"]) {
      const auto* fd = pool->FindFileByName(file["path"]);
      if (fd == nullptr) {
        EXPECT_FALSE(all_required) << file["path"] << " is missing";
        continue;
      }
      ++*files_compared;
      std::set<std::string> listed;
      for (const auto& m : file["messages"]) {
        listed.insert(m["name"]);
        for (const auto& d : Compare(m, pool->FindMessageTypeByName(m["name"]))) ADD_FAILURE() << d;
        ++*types_compared;
      }
      for (const auto& e : file["enums"]) {
        listed.insert(e["name"]);
        for (const auto& d : Compare(e, pool->FindEnumTypeByName(e["name"]))) ADD_FAILURE() << d;
        ++*types_compared;
      }
      // Nothing in the compiled file that the package does not have (map entries aside).
      std::function<void(const Descriptor*)> walk = [&](const Descriptor* d) {
        if (!d->options().map_entry()) {
          EXPECT_TRUE(listed.count(d->full_name())) << d->full_name() << " is extra";
        }
        for (int i = 0; i < d->nested_type_count(); ++i) walk(d->nested_type(i));
        for (int i = 0; i < d->enum_type_count(); ++i) EXPECT_TRUE(listed.count(d->enum_type(i)->full_name()));
      };
      for (int i = 0; i < fd->message_type_count(); ++i) walk(fd->message_type(i));
      for (int i = 0; i < fd->enum_type_count(); ++i) EXPECT_TRUE(listed.count(fd->enum_type(i)->full_name()));
    }
  }
  static json* reflection_;
  static DescriptorPool* all_files_;
};
json* ProtocolFidelity::reflection_ = nullptr;
DescriptorPool* ProtocolFidelity::all_files_ = nullptr;

TEST_F(ProtocolFidelity, ReflectionIsThePinnedPackage) {
  EXPECT_EQ((*reflection_)["package_version"], "1.52.1");
  EXPECT_EQ((*reflection_)["files"].size(), 25u);
}

TEST_F(ProtocolFidelity, EveryFileMatchesTheNpmReflection) {
  int files = 0, types = 0;
  CompareAll(all_files_, /*all_required=*/true, &files, &types);
  EXPECT_EQ(files, 25);
  EXPECT_EQ(types, 548 + 97);  // messages (nested included) + enums of 1.52.1
}

TEST_F(ProtocolFidelity, CompiledCodeMatchesTheNpmReflection) {
  // The generated C++ the SDK links: its files must be complete and identical too.
  livekit::WebhookEvent force_link;  // pulls livekit_webhook (and its imports) into the binary
  (void)force_link;
  int files = 0, types = 0;
  CompareAll(DescriptorPool::generated_pool(), /*all_required=*/false, &files, &types);
  EXPECT_GE(files, 14);
}

}  // namespace
