import type { DB } from "#db/connection";
import { nowIso } from "../core/clock.server";

export interface AuditEntry {
  actorUserId: number | null;
  municipalityId?: number | null;
  /** e.g. "auth.signIn", "auth.signInFailed", "role.grant", "comment.hide" */
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Append one line to the audit log (inside the caller's transaction when given one). */
export async function audit(db: DB, e: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: e.actorUserId,
      municipality_id: e.municipalityId ?? null,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId == null ? null : String(e.targetId),
      ip: e.ip ?? null,
      details_json: JSON.stringify(e.details ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

/** The client's address as the server saw it (Express sets it in the load context). */
export function clientIp(request: Request, context?: { ip?: string }): string | null {
  return context?.ip ?? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
}
