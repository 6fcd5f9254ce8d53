export {};
// Every test process: a quiet logger and a known environment.
process.env.LOG_LEVEL ??= "silent";
process.env.NODE_ENV = "test";
process.env.REGISTRY_SECRET ??= "test-registry-secret-0123456789";

// Wire the features into the platform as server start-up does (event handlers, jobs), so that
// commands under test notify exactly as in production.
const { registerFeatures } = await import("~/startup.server");
registerFeatures();
