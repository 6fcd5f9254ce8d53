// Every test process: a quiet logger and a known environment.
process.env.LOG_LEVEL ??= "silent";
process.env.NODE_ENV = "test";
process.env.REGISTRY_SECRET ??= "test-registry-secret-0123456789";
