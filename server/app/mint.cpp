#include "app/mint.hpp"

#include "auth/token.hpp"
#include "common/clock.hpp"

namespace parley::server {

int mint(const MintOptions& options, std::FILE* out) {
  const TokenClaims claims{options.sub, options.name, options.kind,
                           now_seconds() + options.ttl_seconds};
  std::fprintf(out, "%s\n", mint_token(claims, options.secret).c_str());
  return 0;
}

}  // namespace parley::server
