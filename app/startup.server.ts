/**
 * The composition root: the one place that wires features into the platform. Platform modules
 * (core, mail, notify's event bus …) know no feature; each feature is plugged in here, at start-up,
 * so imports stay one-way (see "Who may import whom" in docs/architecture.md).
 *
 * `registerFeatures()` is idempotent and is also called by the scripts in app/cli (seeding runs
 * commands that emit events) and by the test setup (tests/helpers/setup.ts).
 */
import { registerJob, startup as startPlatform } from "./modules/core/lifecycle.server";
import { startHearingStateLoop, stopHearingStateLoop } from "./modules/hearings/jobs.server";
import { onEvent } from "./modules/notify/events.server";
import { startReachLoop, stopReachLoop } from "./modules/reach/jobs.server";
import { handleReachEvent } from "./modules/reach/notify.server";

export { healthCheck, logger, shutdown } from "./modules/core/lifecycle.server";
export { readContentVersions } from "./modules/core/content-versions.server";
export { translationFile } from "./modules/i18n/resources.server";

/** Registers every feature's event handlers and background jobs (safe to call more than once). */
export function registerFeatures(): void {
  onEvent(handleReachEvent);
  registerJob({ name: "reach reminders", start: (g) => startReachLoop(g), stop: stopReachLoop });
  registerJob({
    name: "hearing states",
    start: (g) => startHearingStateLoop(g),
    stop: stopHearingStateLoop,
  });
}

/** Called by server.js: wire the features, then validate the environment, migrate, start jobs. */
export async function startup() {
  registerFeatures();
  return startPlatform();
}
