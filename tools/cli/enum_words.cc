#include "enum_words.h"

#include <cctype>

namespace lkcpp {
namespace {

std::string Word(const std::string& name, const std::string& prefix) {
  std::string word = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

}  // namespace

std::string EnumWord(const google::protobuf::EnumDescriptor* type, int value, const std::string& prefix) {
  const auto* v = type->FindValueByNumber(value);
  return v == nullptr ? std::to_string(value) : Word(std::string(v->name()), prefix);
}

bool ParseEnumWord(const google::protobuf::EnumDescriptor* type, const std::string& word, const std::string& prefix,
                   int* value) {
  std::string wanted = word;
  for (auto& c : wanted) {
    c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (int i = 0; i < type->value_count(); ++i) {
    const auto* v = type->value(i);
    if (Word(std::string(v->name()), prefix) == wanted) {
      *value = v->number();
      return true;
    }
  }
  return false;
}

std::string EnumWords(const google::protobuf::EnumDescriptor* type, const std::string& prefix) {
  std::string out;
  for (int i = 0; i < type->value_count(); ++i) {
    out += (out.empty() ? "" : ", ") + Word(std::string(type->value(i)->name()), prefix);
  }
  return out;
}

}  // namespace lkcpp
