#pragma once
// Throwaway PKI for the TLS tests, made at run time with the `openssl` command (found by CMake) in a fresh
// temporary directory (removed on destruction): a trusted CA, a server certificate for
// 127.0.0.1/localhost signed by it, a certificate signed by the same CA for another host
// name only, and an unrelated CA. Keys are P-256 (fast to make).

#include <string>
#include <vector>

namespace livekit::test {

class TestCertificates {
 public:
  /// Makes everything; throws std::runtime_error when an openssl command fails.
  TestCertificates();
  ~TestCertificates();
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  std::string ca_cert() const { return dir_ + "/ca.pem"; }             ///< the trusted CA
  std::string other_ca_cert() const { return dir_ + "/other-ca.pem"; } ///< an unrelated CA
  std::string server_cert() const { return dir_ + "/server.pem"; }     ///< IP:127.0.0.1, DNS:localhost
  std::string server_key() const { return dir_ + "/server.key"; }
  std::string wrong_host_cert() const { return dir_ + "/wrong.pem"; }  ///< DNS:wrong.example only
  std::string wrong_host_key() const { return dir_ + "/wrong.key"; }

 private:
  void Openssl(const std::vector<std::string>& arguments) const;
  void MakeCa(const std::string& name, const std::string& subject) const;
  void MakeLeaf(const std::string& name, const std::string& subject_alt_names) const;

  std::string dir_;
};

}  // namespace livekit::test
