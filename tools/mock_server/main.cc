// lk-mock-server: the multi-region mock of LiveKit's server API (spec/mock-server.md).

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <openssl/ssl.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "file_limit.h"
#include "listener.h"
#include "options.h"
#include "region_list.h"
#include "request_handler.h"
#include "stats.h"

namespace mock = livekit::mock;

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const mock::ParsedOptions parsed = mock::ParseOptions(args, [](const char* name) { return std::getenv(name); });
  if (parsed.action == mock::ParsedOptions::Action::kHelp) {
    std::cout << mock::HelpText();
    return 0;
  }
  if (parsed.action == mock::ParsedOptions::Action::kError) {
    std::cerr << "lk-mock-server: " << parsed.error << "\nTry 'lk-mock-server --help'.\n";
    return 2;
  }
  const mock::MockServerOptions& options = parsed.options;

  const unsigned long open_files = mock::RaiseOpenFileLimit();
  if (open_files < mock::kRecommendedOpenFiles) {
    std::cerr << "lk-mock-server: warning: the open-file limit is " << open_files
              << " (hard limit); fewer than " << mock::kRecommendedOpenFiles
              << " simultaneous connections will work. Raise it with `ulimit -Hn`.\n";
  }

  // HTTPS: one TLS context for all listeners, loaded before anything listens so a bad file
  // is reported at start-up.
  std::unique_ptr<boost::asio::ssl::context> tls;
  if (options.tls()) {
    tls = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    boost::system::error_code ec;
    tls->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                         boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                         boost::asio::ssl::context::no_tlsv1_1,
                     ec);
    if (!ec) tls->use_certificate_chain_file(options.tls_cert, ec);
    if (ec) {
      std::cerr << "lk-mock-server: cannot load --tls-cert '" << options.tls_cert << "': " << ec.message() << "\n";
      return 1;
    }
    tls->use_private_key_file(options.tls_key, boost::asio::ssl::context::pem, ec);
    // A key of another type loads into its own slot without error: check the pair explicitly.
    if (!ec && SSL_CTX_check_private_key(tls->native_handle()) != 1) {
      std::cerr << "lk-mock-server: --tls-key '" << options.tls_key << "' does not match --tls-cert '"
                << options.tls_cert << "'\n";
      return 1;
    }
    if (ec) {
      std::cerr << "lk-mock-server: cannot load --tls-key '" << options.tls_key << "': " << ec.message() << "\n";
      return 1;
    }
  }

  boost::asio::io_context ioc(options.threads);
  std::vector<std::shared_ptr<mock::Listener>> listeners;
  mock::ServerContext context;
  for (std::size_t i = 0; i < options.ports.size(); ++i) {
    auto listener = std::make_shared<mock::Listener>(ioc, i);
    std::string error;
    if (!listener->Bind(options.bind, options.ports[i], &error)) {
      std::cerr << "lk-mock-server: " << mock::RegionName(i) << ": " << error << "\n";
      return 1;
    }
    context.ports.push_back(listener->port());
    listeners.push_back(std::move(listener));
  }
  mock::Stats stats(listeners.size());
  context.advertise_host = options.advertise_host;
  context.region_urls = options.region_urls;
  context.twirp_prefix = options.twirp_prefix;
  context.api_secret = options.api_secret;
  context.services = options.services;
  context.stats = &stats;

  for (auto& listener : listeners) {
    listener->Start(&context, tls.get(), std::chrono::milliseconds(options.tls_handshake_timeout_ms));
  }

  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    // Stopping the loop is enough: sockets close as the process exits.
    std::cerr << "lk-mock-server: stopping\n";
    ioc.stop();
  });

  for (std::size_t i = 0; i < listeners.size(); ++i) {
    std::cout << "lk-mock-server: " << mock::RegionName(i) << " ready on " << options.bind << ":"
              << context.ports[i] << " ("
              << (options.region_urls.empty() ? options.advertise_host + ":" + std::to_string(context.ports[i])
                                              : options.region_urls[i])
              << ")"
              << std::endl;  // flushed: tests read the ports from here
  }

  std::vector<std::thread> threads;
  for (int t = 1; t < options.threads; ++t) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  return 0;
}
