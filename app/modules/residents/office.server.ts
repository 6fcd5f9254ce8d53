import { toId } from "../http/ids";
import type { SessionUser } from "../auth/session.server";

/**
 * The municipality an official's residents page is about: `?m=<id>` when given, else the first
 * municipality where the person is an official; null when there is none (the route answers 403).
 */
export function officeMunicipality(user: SessionUser, url: URL): number | null {
  const m = toId(url.searchParams.get("m"));
  if (m !== null) return m;
  return user.roles.find((r) => r.role === "official")?.municipalityId ?? null;
}
