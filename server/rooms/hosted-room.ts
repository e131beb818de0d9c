// What a game room adds when several processes share one store and one Redis (docs/deploy.md):
// - only one process hosts a game: the room takes the store's hosting lock (GameStore.tryHost)
//   before it loads the game and gives it back when it closes, so a room created twice (a
//   createRoom that timed out and was retried, two processes restoring the same game) refuses
//   the second copy instead of running two;
// - a join that reaches a process which does not host the game is authorized by the room that
//   does, over Colyseus IPC (onAuth runs where the HTTP request lands, the room may be elsewhere).
import { CloseCode, matchMaker, ServerError, type AuthContext } from "@colyseus/core";
import { HOSTED_ELSEWHERE } from "../cluster.ts";
import type { GameStore } from "../store/game-store.ts";
import { HOST_UNAVAILABLE } from "../../shared/protocol.ts";
import { joinByIdTarget, refuse, type JoinAuth, type RemoteAuth } from "./access.ts";
import { GameRoom } from "./game-room.ts";


export function hostedRoom(Base: typeof GameRoom, store: GameStore): typeof GameRoom {
  // Games with a room in this process, open or opening. The hosting lock is per process (a
  // second claim from the same process succeeds), so this is what keeps one room per game here.
  const here = new Set<string>();
  // Another process holds the game now (this one's lock went with a lost database connection):
  // its players reconnect, and their look-up finds that process's room.
  store.onHostLost = (gameId) => {
    const room = matchMaker.getLocalRoomById(gameId);
    if (room) void room.disconnect(CloseCode.MAY_TRY_RECONNECT).catch(() => undefined);
  };
  return class HostedGameRoom extends Base {
    static override async onAuth(token: string | undefined, options: unknown, context: AuthContext): Promise<JoinAuth> {
      const gameId = joinByIdTarget(context.req);
      if (!gameId || matchMaker.getLocalRoomById(gameId)) return Base.onAuth(token, options, context);
      let answer: RemoteAuth;
      try {
        answer = (await matchMaker.remoteRoomCall(gameId, "authorizeRemote", [options ?? {}, context.ip ?? "unknown"])) as RemoteAuth;
      } catch {
        // No answer within Colyseus's IPC limit (2 s): the host is busy, stalled or gone.
        throw refuse(503, HOST_UNAVAILABLE.code, HOST_UNAVAILABLE.message);
      }
      if ("refused" in answer) throw new ServerError(answer.refused.status, answer.refused.message);
      return answer.auth;
    }

    override async onCreate(options: { gameId?: string; secret?: string }) {
      const gameId = options?.gameId;
      if (gameId && options.secret === Base.deps.createSecret) {
        if (here.has(gameId)) throw new ServerError(409, `${HOSTED_ELSEWHERE}: game ${gameId} already has a room in this process`);
        here.add(gameId);
        const hosted = await store.tryHost(gameId).catch((e: unknown) => {
          here.delete(gameId);
          throw e;
        });
        if (!hosted) {
          here.delete(gameId);
          console.log(`game ${gameId}: another process opened it first; joins go to that room`);
          this.refusedCopy = true;
          throw new ServerError(409, `${HOSTED_ELSEWHERE}: another process hosts game ${gameId}`);
        }
      }
      try {
        await super.onCreate(options);
      } catch (e) {
        if (gameId) {
          here.delete(gameId);
          await store.releaseHost(gameId).catch(() => undefined);
        }
        throw e;
      }
    }

    // Two processes opening one game at once is expected (both got a look-up): the one that lost
    // the hosting lock waits for the other's listing, so its refused copy is not an error to log.
    private refusedCopy = false;
    override onUncaughtException(error: Error, methodName: string) {
      if (methodName === "onCreate" && this.refusedCopy) return;
      super.onUncaughtException(error, methodName);
    }

    override onDispose() {
      super.onDispose();
      here.delete(this.roomId);
      return store.releaseHost(this.roomId).catch((e: unknown) => console.error(`game ${this.roomId}: could not release its hosting lock: ${(e as Error).message}`));
    }
  };
}
