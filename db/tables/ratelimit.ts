/** Rate limits: counters per key and window. Row types only (conventions in db/schema.ts). */

/** Rate-limit counters (rate-limiter-flexible's table): points in the window ending at `expire` (epoch ms). */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

/** The ratelimit tables, by name (composed into `Database` in db/schema.ts). */
export interface RatelimitTables {
  rate_limits: RateLimitsTable;
}
