#include "test_certificates.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace livekit::testing {

TestCertificates::TestCertificates() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lk-tls-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  MakeCa("ca", "/CN=LiveKit SDK test CA");
  MakeCa("other-ca", "/CN=Unrelated test CA");
  MakeLeaf("server", "IP:127.0.0.1,DNS:localhost");
  MakeLeaf("wrong", "DNS:wrong.example");
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void TestCertificates::Run(const std::string& arguments) const {
  const std::string command = std::string(LK_OPENSSL_COMMAND) + " " + arguments + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl failed: " + arguments);
}

void TestCertificates::MakeCa(const std::string& name, const std::string& subject) const {
  const std::string base = dir_ + "/" + name;
  Run("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj '" + subject +
      "' -keyout " + base + ".key -out " + base + ".pem -addext basicConstraints=critical,CA:TRUE" +
      " -addext keyUsage=critical,keyCertSign,cRLSign");
}

void TestCertificates::MakeLeaf(const std::string& name, const std::string& subject_alt_names) const {
  const std::string base = dir_ + "/" + name;
  {
    std::ofstream ext(base + ".ext");
    ext << "subjectAltName=" << subject_alt_names << "\n"
        << "basicConstraints=CA:FALSE\n"
        << "keyUsage=critical,digitalSignature\n"
        << "extendedKeyUsage=serverAuth\n";
  }
  Run("req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=" + name + " -keyout " + base +
      ".key -out " + base + ".csr");
  Run("x509 -req -days 2 -in " + base + ".csr -CA " + dir_ + "/ca.pem -CAkey " + dir_ + "/ca.key -CAcreateserial" +
      " -extfile " + base + ".ext -out " + base + ".pem");
}

}  // namespace livekit::testing
