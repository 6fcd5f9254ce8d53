import { healthCheck } from "~/modules/core/lifecycle.server";

// GET /healthz → 200 when the database answers, 503 when it does not.
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await healthCheck();
    return Response.json({ status: "ok", database: "ok" }, { headers });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers });
  }
}
