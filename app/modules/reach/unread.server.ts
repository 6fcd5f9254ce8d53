/**
 * For the header: the signed-in person's unread notification count (0 for visitors). Use it in the
 * root (or $lang) loader and pass it to <NotificationsLink count={…} />.
 */
import { getUser } from "../auth/guards.server";
import { getDb } from "../core/db.server";
import { countUnread } from "./queries.server";

export async function unreadCountFor(request: Request): Promise<number> {
  const user = await getUser(request);
  if (!user) return 0;
  return countUnread(await getDb(), user.id);
}
