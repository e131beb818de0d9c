// Chat channels: who may post to one and who may read it.
import type { ActorId } from "../../shared/engine/index.ts";
import type { Channel, ChatMessage } from "../../shared/protocol.ts";
import type { Actor } from "./actor.ts";

export type ChannelResult = { ok: true; channel: Channel } | { ok: false; code: string; message: string };

/** Checks and normalises a channel for a sender: private channels are sorted, unique, and include the sender. */
export function normaliseChannel(channel: Channel, actor: Actor, seats: readonly ActorId[]): ChannelResult {
  if (actor.role === "observer") return { ok: false, code: "chat/observer", message: "Observers cannot send messages." };
  if (channel === "public") return { ok: true, channel };
  const members = [...new Set(channel)].sort();
  const unknown = members.filter((m) => !seats.includes(m));
  if (unknown.length > 0) return { ok: false, code: "chat/bad_channel", message: `Not a seat in this game: ${unknown.join(", ")}.` };
  if (members.length < 2) return { ok: false, code: "chat/bad_channel", message: "A private conversation needs at least two seats." };
  if (actor.role === "player" && (!actor.seat || !members.includes(actor.seat)))
    return { ok: false, code: "chat/not_member", message: "You can only write to conversations your seat is part of." };
  return { ok: true, channel: members };
}

/** Public messages reach everyone; private ones only their seats and the facilitator. */
export function canRead(msg: ChatMessage, viewer: string): boolean {
  if (msg.channel === "public" || viewer === "facilitator") return true;
  return msg.channel.includes(viewer);
}
