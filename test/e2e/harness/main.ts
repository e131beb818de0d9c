// Harness page: the real client UI over the in-memory FakeGameServer and the bundled scenario.
import "../../../client/src/styles.css";
import { parseScenarioText } from "../../../shared/scenario/load.ts";
import scenarioText from "../../../scenarios/pyongyang-2024.yaml?raw";
import { Store } from "../../../client/src/store.ts";
import { startApp } from "../../../client/src/app.ts";
import { FakeGameServer } from "./fake-server.ts";

const parsed = parseScenarioText(scenarioText, "pyongyang-2024.yaml");
if (!parsed.ok) throw new Error("scenario does not load");
const server = new FakeGameServer(parsed.value);
const store = new Store();
(window as unknown as { __store: Store; __server: FakeGameServer }).__store = store;
(window as unknown as { __server: FakeGameServer }).__server = server;
void startApp(document.getElementById("app")!, store, server);
