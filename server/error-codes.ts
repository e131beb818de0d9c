// Error codes the server adds to the engine's (shared/engine/types.ts), one line each. Joins that
// are refused carry theirs in the matchmaker's message ("code: message", server/rooms/access.ts).
export const SERVER_ERRORS = [
  "server/storage_error", // the database refused a read or write (full, read-only, damaged): nothing of the action was kept
  "server/engine_error", // the engine threw on one message; nothing was stored
  "server/error", // an unexpected failure (HTTP 500); details go to the log only
  "request/rate_limited", // the seat's message budget, or the credential's or address's budget for large requests, is spent
  "request/duplicate", // the same lock, orders or pause again
  "chat/full", // the game's chat reached its size limit (limits.chatPerGame)
  "seat/unknown_request", // answering a seat request that does not exist or is not for your team
  "seat/asker_gone", // answering a seat request whose asker has left the game
  "seat/kept_for_bot", // claiming (or asking to join, or seating someone on, or taking the bot off) a seat the facilitator kept for a bot
  "seat/has_people", // keeping a seat for a bot while people hold it: the facilitator moves or removes them first
  "role/not_observer", // only observers ask to join a held seat
  "http/bad_json", // the request body is not valid JSON
  "http/too_large", // the request body is over its limit
  "http/json_only", // a request body that is not application/json (415)
  "http/rate_limited", // too many requests of this kind from this address (429)
  "http/not_found", // no such API route
  "game/not_started", // a seat action (orders, lock, deals) or a clock command in the waiting room, before Start
  "seat/unknown_person", // the facilitator named a person (public id) who holds no seat in this game
  "role/unknown", // the facilitator named a team role the scenario does not have
  "role/cannot_draft", // the person's team role may not draft (add or remove) orders of that move's family
  "role/needs_approval", // only the team's approving role (e.g. the leader) locks in the final orders
  "role/not_speaker", // only the team's speaking role talks to other seats (proposals, answers, votes, diplomacy chat)
  "control/nothing_to_undo", // a rollback on the first turn: no resolution to undo
  "control/no_such_turn", // a fork from a turn the game has not reached
  "control/no_such_inject", // cancelling a scheduled inject that does not exist, already fired or was cancelled
  "clock/none", // shortening a turn that has no clock (set a deadline instead)
  "clock/in_past", // a scheduled start (or round deadline) that is not in the future
] as const;
export type ServerErrorCode = (typeof SERVER_ERRORS)[number];
