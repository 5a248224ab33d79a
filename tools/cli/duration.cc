#include "duration.h"

#include <cstdint>
#include <utility>

namespace lkcpp {
namespace {

using Ms = std::chrono::milliseconds;

constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
    {"ms", 1}, {"s", 1000}, {"m", 60 * 1000}, {"h", 60 * 60 * 1000}, {"d", 24 * 60 * 60 * 1000}};

std::int64_t UnitScale(std::string_view unit) {
  for (const auto& [name, scale] : kUnits) {
    if (name == unit) return scale;
  }
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "seconds" for 1000 ms, "milliseconds" for 1 ms: how help and errors name a flag's bare unit.
std::string UnitWord(Ms unit) {
  switch (unit.count()) {
    case 1: return "milliseconds";
    case 1000: return "seconds";
    case 60 * 1000: return "minutes";
    case 60 * 60 * 1000: return "hours";
    default: return "units of " + FormatDuration(unit);
  }
}

// "e.g. 500ms, 90s, 10m, 1h30m; a plain number is seconds": what a flag's help and errors show.
std::string Examples(const DurationRules& rules) {
  const bool whole_seconds = rules.resolution % std::chrono::seconds(1) == Ms(0);
  return std::string("e.g. ") + (whole_seconds ? "90s, 10m, 1h30m, 2d" : "500ms, 90s, 10m, 1h30m") +
         "; a plain number is " + UnitWord(rules.bare_unit);
}

livekit::Error Refuse(std::string_view text, const std::string& why, const DurationRules& rules) {
  return livekit::Error(livekit::ErrorCode::kInvalidArgument, "cannot read \"" + std::string(text) +
                                                                  "\" as a duration: " + why + " (" +
                                                                  Examples(rules) + ")");
}

}  // namespace

livekit::Result<Ms> ParseDuration(std::string_view text, const DurationRules& rules) {
  if (text.empty()) return Refuse(text, "it is empty", rules);
  if (text[0] == '-') return Refuse(text, "a duration cannot be negative", rules);
  const std::int64_t max = rules.max.count();
  std::int64_t total = 0;
  std::int64_t previous_scale = 0;  // each part must use a smaller unit than the one before
  std::size_t i = 0;
  while (i < text.size()) {
    // <digits>[.<digits>]
    std::int64_t whole = 0;
    std::size_t digits = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i, ++digits) {
      if (whole > max) return Refuse(text, "it is too large (at most " + FormatDuration(rules.max) + ")", rules);
      whole = whole * 10 + (text[i] - '0');
    }
    std::int64_t fraction = 0;
    std::int64_t fraction_denominator = 1;
    if (i < text.size() && text[i] == '.') {
      ++i;
      std::size_t fraction_digits = 0;
      for (; i < text.size() && IsDigit(text[i]); ++i, ++fraction_digits) {
        if (fraction_digits == 9) return Refuse(text, "too many decimals", rules);
        fraction = fraction * 10 + (text[i] - '0');
        fraction_denominator *= 10;
      }
      if (fraction_digits == 0) return Refuse(text, "a '.' must be followed by digits", rules);
    } else if (digits == 0) {
      return Refuse(text, "expected a number at \"" + std::string(text.substr(i)) + "\"", rules);
    }

    const std::size_t unit_start = i;
    while (i < text.size() && IsLetter(text[i])) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    std::int64_t scale = 0;
    if (unit.empty()) {
      if (unit_start != text.size() || previous_scale != 0) {
        return Refuse(text, unit_start == text.size() ? "the last number has no unit"
                                                      : "unexpected \"" + std::string(1, text[i]) + "\"",
                      rules);
      }
      scale = rules.bare_unit.count();
    } else {
      scale = UnitScale(unit);
      if (scale == 0) return Refuse(text, "unknown unit \"" + std::string(unit) + "\", use ms, s, m, h or d", rules);
      if (previous_scale != 0 && scale >= previous_scale) {
        return Refuse(text, "units must go from largest to smallest, each once", rules);
      }
    }
    previous_scale = scale;

    if (whole > max / scale) return Refuse(text, "it is too large (at most " + FormatDuration(rules.max) + ")", rules);
    const std::int64_t fraction_ms = fraction * scale;  // fraction < 1e9, scale <= 8.64e7: fits
    if (fraction_ms % fraction_denominator != 0) return Refuse(text, "finer than a millisecond", rules);
    total += whole * scale + fraction_ms / fraction_denominator;
    if (total > max) return Refuse(text, "it is too large (at most " + FormatDuration(rules.max) + ")", rules);
  }
  if (total == 0 && !rules.allow_zero) return Refuse(text, "it must be more than zero", rules);
  if (total % rules.resolution.count() != 0) {
    return Refuse(text, "it must be a whole number of " + UnitWord(rules.resolution), rules);
  }
  return Ms(total);
}

std::string FormatDuration(Ms d) {
  if (d.count() == 0) return "0s";
  std::string out;
  std::int64_t left = d.count();
  if (left < 0) {
    out = "-";
    left = -left;
  }
  for (auto it = std::rbegin(kUnits); it != std::rend(kUnits); ++it) {
    const auto& [name, scale] = *it;
    if (left >= scale) {
      out += std::to_string(left / scale) + std::string(name);
      left %= scale;
    }
  }
  return out;
}

CLI::Option* AddDurationOption(CLI::App* app, const std::string& name, Ms& target, const DurationRules& rules,
                               const std::string& description) {
  auto* option = app->add_option_function<std::string>(
      name,
      [name, rules, &target](const std::string& text) {
        auto parsed = ParseDuration(text, rules);
        if (!parsed.ok()) throw CLI::ValidationError(name, parsed.error().message());
        target = *parsed;
      },
      description + " (" + Examples(rules) + ")");
  option->type_name("DURATION")->default_str(FormatDuration(target));
  return option;
}

}  // namespace lkcpp
