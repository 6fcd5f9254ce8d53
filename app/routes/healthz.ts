import { getDb } from "~/modules/core/db.server";
import { healthCheck } from "~/modules/core/lifecycle.server";
import { frozenFilesHealth } from "~/modules/protocol/health.server";
import { getStorage } from "~/modules/storage/storage.server";

/**
 * GET /healthz → 200 `{status:"ok"}` when the database answers and every frozen protocol file is in
 * storage; 200 `{status:"degraded", files:{missing…}}` when the database answers but frozen files
 * are missing (the instance can serve; the record needs the backup's files restored — monitoring
 * should alert on the body's status); 503 when the database does not answer.
 */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await healthCheck();
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers });
  }
  let files;
  try {
    files = await frozenFilesHealth(await getDb(), getStorage());
  } catch {
    return Response.json({ status: "degraded", database: "ok", files: "unreadable" }, { headers });
  }
  if (files.missingCount > 0)
    return Response.json(
      {
        status: "degraded",
        database: "ok",
        files: { listed: files.listed, missing: files.missingCount, examples: files.missing },
      },
      { headers },
    );
  return Response.json(
    { status: "ok", database: "ok", files: { listed: files.listed } },
    { headers },
  );
}
