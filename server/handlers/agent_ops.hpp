#pragma once
// agent.queue, agent.reply.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_agent_queue(Call& call);
Outcome handle_agent_reply(Call& call);
Outcome handle_agent_take(Call& call);

}  // namespace parley::server
