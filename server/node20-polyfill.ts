// Colyseus 0.18 reads the global WebSocket on its reconnect path; Node 20 has none.
import { WebSocket } from "ws";
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
