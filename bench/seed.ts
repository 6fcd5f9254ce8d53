/**
 * Benchmark data: a fresh SQLite file (BENCH_DB, default data/bench.sqlite) with the demo places and
 * accounts, one open tariff hearing with 5,000 comments and 20,000 votes (5,000 verified voters ×
 * 4 questions), and signed-in sessions for 500 more verified voters (for the vote benchmark).
 * Prints a JSON line: { hearingId, questionIds, tokens, voterIds } (voterIds[i] holds tokens[i]).
 */
import { rmSync } from "node:fs";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrations";
import { seedAccounts } from "../app/modules/demo/accounts";
import { seedPlaces } from "../app/modules/demo/places";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession, generateSessionToken } from "~/modules/auth/session.server";

const file = process.env.BENCH_DB ?? "data/bench.sqlite";
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 5000);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 5000);
const QUESTIONS = 4;
const SESSION_VOTERS = 500;

for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
const db = await createDb(file);
await migrateToLatest(db);
const now = new Date();
const at = now.toISOString();
const places = await seedPlaces(db, at);
const { accounts } = await seedAccounts(db, places, now, "bench-secret-0123456789");
const m = places.issykKul.id;
const villages = Object.values(places.issykKul.villages);

const h = await db
  .insertInto("hearings")
  .values({
    municipality_id: m,
    type: "tariff",
    state: "open",
    short_code: `BENCH-${now.getTime()}`,
    title_ky: "Таштанды чыгаруунун тарифи (бенчмарк)",
    title_ru: "Тариф на вывоз ТБО (бенчмарк)",
    initiator_kind: "enterprise",
    initiator_name_ky: "«Таза Көл» муниципалдык ишканасы",
    initiator_name_ru: "МП «Таза Көл»",
    comment_start_at: new Date(now.getTime() - 10 * 864e5).toISOString(),
    comment_end_at: new Date(now.getTime() + 30 * 864e5).toISOString(),
    created_by: accounts.official,
    created_at: at,
    updated_at: at,
  })
  .returning("id")
  .executeTakeFirstOrThrow();
const lineIds: number[] = [];
// codes as the office form stores them (locales/*/hearings.json service, category, unit)
for (const [i, cat] of ["population", "budget", "other"].entries()) {
  const r = await db
    .insertInto("tariff_lines")
    .values({
      hearing_id: h.id,
      position: i + 1,
      service: "waste_collection",
      category: cat,
      unit: "person_month",
      current_price: 2000 + i * 1000,
      proposed_price: 2500 + i * 1200,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  lineIds.push(r.id);
}
const questionIds: number[] = [];
for (let i = 0; i < QUESTIONS; i++) {
  const q = await db
    .insertInto("questions")
    .values({
      hearing_id: h.id,
      position: i + 1,
      title_ky: `Сунушту колдойсузбу? (${i + 1})`,
      title_ru: `Поддерживаете ли вы предложение? (${i + 1})`,
      tariff_line_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  questionIds.push(q.id);
}

const hash = await hashPassword("bench-voter-password");
async function makeVoters(n: number, prefix: string): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < n; start += 500) {
    const batch = Array.from({ length: Math.min(500, n - start) }, (_, k) => start + k);
    await db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto("users")
        .values(
          batch.map((i) => ({
            email: `${prefix}${i}@bench.jyiyn`,
            phone: null,
            display_name: `Шайлоочу ${prefix}${i}`,
            password_hash: hash,
            municipality_id: m,
            village_id: villages[i % villages.length],
            is_admin: 0,
            locale: "ky",
            created_at: at,
            updated_at: at,
          })),
        )
        .returning("id")
        .execute();
      await trx
        .insertInto("verifications")
        .values(
          rows.map((r, k) => ({
            user_id: r.id,
            municipality_id: m,
            village_id: villages[(start + k) % villages.length],
            person_hash: `${prefix}-${r.id}`,
            birth_date: "1980-05-05",
            method: "in_person" as const,
            verified_by: accounts.official,
            created_at: at,
          })),
        )
        .execute();
      ids.push(...rows.map((r) => r.id));
    });
  }
  return ids;
}

const voters = await makeVoters(VOTERS, "v");
const stances = ["for", "against", "neutral"] as const;
const choices = ["for", "against", "abstain"] as const;
const t0 = now.getTime() - 9 * 864e5;
for (let start = 0; start < COMMENTS; start += 500) {
  const batch = Array.from({ length: Math.min(500, COMMENTS - start) }, (_, k) => start + k);
  await db
    .insertInto("comments")
    .values(
      batch.map((i) => ({
        hearing_id: h.id,
        parent_id: null,
        source: "online" as const,
        author_user_id: voters[i % voters.length],
        anonymous: i % 5 === 0 ? 1 : 0,
        village_id: villages[i % villages.length],
        author_verified: 1,
        stance: stances[i % 3],
        tariff_line_id: i % 4 === 0 ? lineIds[i % lineIds.length] : null,
        plan_section_id: null,
        body: `Пикир № ${i}: тариф боюнча ой-пикирим.\nЗамечание № ${i} по тарифу.`,
        created_at: new Date(t0 + i * 60_000).toISOString(),
        answer_status: i % 7 === 0 ? ("accepted" as const) : null,
        answer_text: i % 7 === 0 ? "Кабыл алынды / Принято" : null,
        answered_by: i % 7 === 0 ? accounts.official : null,
        answered_at: i % 7 === 0 ? new Date(t0 + i * 60_000 + 3600_000).toISOString() : null,
      })),
    )
    .execute();
}
let votes = 0;
for (const q of questionIds) {
  for (let start = 0; start < voters.length; start += 500) {
    const batch = voters.slice(start, start + 500);
    await db
      .insertInto("votes")
      .values(
        batch.map((u, k) => ({
          hearing_id: h.id,
          question_id: q,
          user_id: u,
          choice: choices[(start + k + q) % 3],
          village_id: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    votes += batch.length;
  }
}

// distinct signed-in voters for the vote benchmark (they have not voted yet)
const sessionVoters = await makeVoters(SESSION_VOTERS, "s");
const tokens: string[] = [];
for (const id of sessionVoters) {
  const token = generateSessionToken();
  await createSession(db, token, id);
  tokens.push(token);
}
await db.destroy();
console.error(
  `bench seed: hearing ${h.id}, ${COMMENTS} comments, ${votes} votes, ${tokens.length} sessions`,
);
console.log(JSON.stringify({ hearingId: h.id, questionIds, tokens, voterIds: sessionVoters }));
