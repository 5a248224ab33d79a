#pragma once
// A plain-text table for the human-readable output of list commands: a header row and
// columns padded to their widest cell, so the output lines up in a terminal.

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace lkcpp {

/// Collects rows, then prints them aligned. Not thread-safe (one per command run).
class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers);

  /// Adds one row; missing cells print empty, extra cells are ignored.
  void AddRow(std::vector<std::string> cells);

  /// Prints the header and the rows, two spaces between columns, no trailing spaces.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// Prints "key  value" lines with the values aligned (the summary of one created object).
void PrintSummary(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields);

/// Joins values with ", " (for repeated fields in a table cell).
std::string JoinList(const std::vector<std::string>& values);

}  // namespace lkcpp
