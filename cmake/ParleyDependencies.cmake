# Every dependency comes from a Debian package (scripts/bootstrap.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)  # gzip for parley-server's HTTP responses
find_package(OpenSSL REQUIRED)  # HMAC for server tokens; libwebsockets links it anyway
pkg_check_modules(LWS REQUIRED IMPORTED_TARGET libwebsockets)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)  # NFKC + case folding for search
