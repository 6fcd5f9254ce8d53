import type { DB } from "#db/connection";
import type { RoleName } from "#db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { personHash } from "~/modules/residents/hash.server";
import type { SeededPlaces } from "./places";

/** Every demo account signs in with this password (printed by `npm run demo`). */
export const DEMO_PASSWORD = "demo-parol-2026";

/** The demo resident list: ПИН, birth date, village key (README gives these for trying verification). */
export const DEMO_REGISTRY: { pin: string; birthDate: string; village: string; note: string }[] = [
  { pin: "21503199000123", birthDate: "1990-03-15", village: "akBulung", note: "Айгүл (verified)" },
  {
    pin: "10207198500456",
    birthDate: "1985-07-02",
    village: "chongTash",
    note: "Бакыт (verified)",
  },
  {
    pin: "12011197200789",
    birthDate: "1972-11-20",
    village: "saryBulak",
    note: "Нурлан (verified)",
  },
  {
    pin: "20905199501112",
    birthDate: "1995-05-09",
    village: "akBulung",
    note: "free: try verification",
  },
  {
    pin: "11812200001314",
    birthDate: "2000-12-18",
    village: "kyzylSuu",
    note: "free: try verification",
  },
  {
    pin: "22506200701516",
    birthDate: "2007-06-25",
    village: "chongTash",
    note: "free: under 18 until 2025-06-25",
  },
];

export interface SeededAccounts {
  admin: number;
  official: number;
  secretary: number;
  deputy: number;
  officialSaryOi: number;
  residents: { aigul: number; bakyt: number; nurlan: number; unverified: number };
}

export async function seedAccounts(
  db: DB,
  places: SeededPlaces,
  now: Date,
  secret: string,
): Promise<{ accounts: SeededAccounts; lines: string[] }> {
  const at = now.toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ik = places.issykKul;
  async function user(
    email: string | null,
    phone: string | null,
    name: string,
    municipalityId: number | null,
    villageId: number | null,
    isAdmin = false,
  ) {
    const r = await db
      .insertInto("users")
      .values({
        email,
        phone,
        display_name: name,
        password_hash: passwordHash,
        municipality_id: municipalityId,
        village_id: villageId,
        is_admin: isAdmin ? 1 : 0,
        locale: "ky",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return r.id;
  }
  async function role(userId: number, municipalityId: number, r: RoleName, grantedBy: number) {
    await db
      .insertInto("roles")
      .values({
        user_id: userId,
        municipality_id: municipalityId,
        role: r,
        granted_by: grantedBy,
        created_at: at,
      })
      .execute();
  }

  const admin = await user("admin@jyiyn.demo", null, "Администратор (демо)", null, null, true);
  const official = await user(
    "official@jyiyn.demo",
    null,
    "Жылдыз Асанова",
    ik.id,
    ik.villages.akBulung,
  );
  const secretary = await user(
    "secretary@jyiyn.demo",
    null,
    "Эркин Токтогулов",
    ik.id,
    ik.villages.chongTash,
  );
  const deputy = await user(
    "deputy@jyiyn.demo",
    null,
    "Гүлнара Садыкова",
    ik.id,
    ik.villages.saryBulak,
  );
  const officialSaryOi = await user(
    "official.saryoi@jyiyn.demo",
    null,
    "Тилек Бообеков",
    places.saryOi.id,
    places.saryOi.villages.saryOi,
  );
  await role(official, ik.id, "official", admin);
  await role(secretary, ik.id, "council_secretary", admin);
  await role(deputy, ik.id, "council_member", admin);
  await role(officialSaryOi, places.saryOi.id, "official", admin);

  const aigul = await user("aigul@jyiyn.demo", null, "Айгүл Мамытова", ik.id, ik.villages.akBulung);
  const bakyt = await user(null, "+996700123456", "Бакыт Осмонов", ik.id, ik.villages.chongTash);
  const nurlan = await user(
    "nurlan@jyiyn.demo",
    null,
    "Нурлан Жумабаев",
    ik.id,
    ik.villages.saryBulak,
  );
  const unverified = await user(
    "guest@jyiyn.demo",
    null,
    "Мээрим Алиева",
    ik.id,
    ik.villages.kyzylSuu,
  );

  for (const entry of DEMO_REGISTRY) {
    await db
      .insertInto("registry_entries")
      .values({
        municipality_id: ik.id,
        village_id: ik.villages[entry.village],
        person_hash: personHash(entry.pin, entry.birthDate, secret),
        birth_date: entry.birthDate,
        import_id: null,
        created_at: at,
      })
      .execute();
  }
  const verified: [number, number][] = [
    [aigul, 0],
    [bakyt, 1],
    [nurlan, 2],
  ];
  for (const [userId, i] of verified) {
    const e = DEMO_REGISTRY[i];
    await db
      .insertInto("verifications")
      .values({
        user_id: userId,
        municipality_id: ik.id,
        village_id: ik.villages[e.village],
        person_hash: personHash(e.pin, e.birthDate, secret),
        birth_date: e.birthDate,
        method: "registry",
        verified_by: null,
        created_at: at,
      })
      .execute();
  }

  const lines = [
    "Demo accounts (password for all: " + DEMO_PASSWORD + "):",
    "  administrator            admin@jyiyn.demo",
    "  official (Issyk-Kul)     official@jyiyn.demo",
    "  council secretary        secretary@jyiyn.demo",
    "  council member           deputy@jyiyn.demo",
    "  official (Sary-Oi)       official.saryoi@jyiyn.demo",
    "  verified residents       aigul@jyiyn.demo, +996700123456, nurlan@jyiyn.demo",
    "  unverified resident      guest@jyiyn.demo",
    "Demo resident list (Issyk-Kul) for trying verification: ПИН 20905199501112, birth date 09.05.1995",
    "  (another free entry: ПИН 11812200001314, birth date 18.12.2000; verify at /ky/account/verify)",
    "Officials: resident list, in-person verification and reset codes at /ky/office/residents;",
    "administrator: /ky/admin (settings, roles and invitations, audit log, mail outbox).",
  ];
  return {
    accounts: {
      admin,
      official,
      secretary,
      deputy,
      officialSaryOi,
      residents: { aigul, bakyt, nurlan, unverified },
    },
    lines,
  };
}
