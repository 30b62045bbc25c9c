#include "raw_http.hpp"

#include <cctype>
#include <stdexcept>

#include <zlib.h>

#include "loopback_socket.hpp"

namespace parley::test {
namespace {

std::string lowercase(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("raw_http: send failed");
    sent += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string data;
  char buffer[16384];
  for (;;) {
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) return data;
    if (n < 0) throw std::runtime_error("raw_http: no answer within 10 s");
    data.append(buffer, static_cast<std::size_t>(n));
  }
}

RawHttpResponse parse(const std::string& data) {
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos || data.rfind("HTTP/1.1 ", 0) != 0) {
    throw std::runtime_error("raw_http: not an HTTP/1.1 response: " + data.substr(0, 80));
  }
  RawHttpResponse response;
  response.status = std::stoi(data.substr(9, 3));
  std::size_t line_start = data.find("\r\n") + 2;
  while (line_start < head_end) {
    const auto line_end = data.find("\r\n", line_start);
    const std::string line = data.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      const auto value_start = line.find_first_not_of(' ', colon + 1);
      response.headers[lowercase(line.substr(0, colon))] =
          value_start == std::string::npos ? "" : line.substr(value_start);
    }
    line_start = line_end + 2;
  }
  response.body = data.substr(head_end + 4);
  const auto length = response.header("content-length");
  if (!length.empty() && std::stoul(length) != response.body.size()) {
    throw std::runtime_error("raw_http: body of " + std::to_string(response.body.size()) +
                             " bytes, content-length " + length);
  }
  return response;
}

}  // namespace

RawHttpResponse raw_http(int port, const std::string& method, const std::string& target,
                         const std::vector<std::string>& headers, const std::string& body) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const auto addr = loopback(port);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    close_fd(fd);
    throw std::runtime_error("raw_http: cannot connect to port " + std::to_string(port));
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                        std::to_string(port) + "\r\nConnection: close\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  if (!body.empty()) request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  try {
    send_all(fd, request);
    auto response = parse(read_all(fd));
    close_fd(fd);
    return response;
  } catch (...) {
    close_fd(fd);
    throw;
  }
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::runtime_error("gunzip: inflateInit2");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("gunzip: corrupt data");
  return out;
}

}  // namespace parley::test
