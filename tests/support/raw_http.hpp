#pragma once
// A bare HTTP/1.1 request over a loopback socket, so that tests see exactly what the server put
// on the wire (status, headers, compressed bytes) with no client library in between.
#include <map>
#include <string>
#include <vector>

namespace parley::test {

struct RawHttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lowercase
  std::string body;                             // as sent (still compressed, if it was)

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Sends "<method> <target> HTTP/1.1" with `headers` ("Name: value"), Connection: close and
// `body` (with its Content-Length, when not empty), reads until the server closes. Throws
// std::runtime_error if the exchange fails.
RawHttpResponse raw_http(int port, const std::string& method, const std::string& target,
                         const std::vector<std::string>& headers = {}, const std::string& body = {});

// Undoes Content-Encoding: gzip (throws on corrupt data).
std::string gunzip(const std::string& data);

}  // namespace parley::test
