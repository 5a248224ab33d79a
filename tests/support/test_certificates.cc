#include "support/test_certificates.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/run_program.h"

namespace livekit::test {

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

void TestCertificates::Openssl(const std::vector<std::string>& arguments) const {
  std::vector<std::string> argv = {LK_OPENSSL_COMMAND};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  RunOptions options;
  options.stderr_to = Stderr::kDiscard;
  if (RunProgram(argv, options).exit_code != 0) {
    std::string command;
    for (const auto& a : arguments) command += " " + a;
    throw std::runtime_error("openssl failed:" + command);
  }
}

void TestCertificates::MakeCa(const std::string& name, const std::string& subject) const {
  const std::string base = dir_ + "/" + name;
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
           "-subj", subject, "-keyout", base + ".key", "-out", base + ".pem", "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
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
  Openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=" + name,
           "-keyout", base + ".key", "-out", base + ".csr"});
  Openssl({"x509", "-req", "-days", "2", "-in", base + ".csr", "-CA", dir_ + "/ca.pem", "-CAkey", dir_ + "/ca.key",
           "-CAcreateserial", "-extfile", base + ".ext", "-out", base + ".pem"});
}

}  // namespace livekit::test
