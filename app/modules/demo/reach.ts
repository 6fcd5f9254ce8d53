import { withClock } from "~/modules/core/clock.server";
import { subscribe, updatePrefs } from "~/modules/reach/commands.server";
import type { SeedContext } from "./index";
import type { SeededHearings } from "./hearings";

/**
 * Demo data of the reach feature: Айгүл follows Issyk-Kul (mail at once), Нурлан follows it with a
 * daily digest; when the demo has hearings, Айгүл finds one notification waiting in the portal.
 */
export async function seedReach(ctx: SeedContext, hearings: SeededHearings): Promise<void> {
  const { db, now, accounts, places } = ctx;
  const at = now.toISOString();
  const { aigul, nurlan } = accounts.residents;
  // through the reach commands, as each chose on the notifications page (the participation
  // seed's answers may already have made their preferences)
  await withClock(at, async () => {
    for (const [userId, delivery] of [
      [aigul, "immediate"],
      [nurlan, "daily"],
    ] as const) {
      await updatePrefs(db, userId, {
        newHearings: true,
        results: true,
        protocols: true,
        answers: true,
        reminders: true,
        delivery,
      });
      await subscribe(db, userId, places.issykKul.id);
    }
  });
  // one "new hearing" notification waiting in Айгүл's list (she followed after it was announced,
  // so no command would have sent it to her)
  const first = hearings.wasteTariff ?? hearings.waterTariff;
  if (first !== null) {
    const h = await db
      .selectFrom("hearings")
      .select(["title_ky", "title_ru"])
      .where("id", "=", first)
      .executeTakeFirst();
    const m = await db
      .selectFrom("municipalities")
      .select(["name_ky", "name_ru"])
      .where("id", "=", places.issykKul.id)
      .executeTakeFirstOrThrow();
    if (h) {
      await db
        .insertInto("notifications")
        .values({
          user_id: aigul,
          kind: "hearing_announced",
          hearing_id: first,
          payload_json: JSON.stringify({
            title: { ky: h.title_ky, ru: h.title_ru },
            municipality: { ky: m.name_ky, ru: m.name_ru },
          }),
          created_at: at,
          emailed_at: at,
        })
        .execute();
    }
  }
}
