// Editing plan sections and projects in place through the officials' edit route (updateSection,
// updateProject): real Requests to the route action, rows checked in the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSessionUser } from "~/modules/auth/session.server";
import { setClock } from "~/modules/core/clock.server";
import { endOfBishkekDay, fromBishkekLocal, startOfBishkekDay } from "~/modules/format/time";
import * as cmd from "~/modules/hearings/commands.server";
import * as planRoute from "~/routes/$lang.office.hearings.$id.plan";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeRequest,
  makeUser,
  seedPlaces,
  sessionCookieFor,
  type SeededPlaces,
} from "../helpers/factories";

let t: TestDb;
let places: SeededPlaces;
const ids = { official: 0, saryOi: 0, resident: 0 };
const cookies = { official: "", saryOi: "", resident: "" };

beforeAll(async () => {
  t = await createTestDb();
  places = await seedPlaces(t.db, new Date().toISOString());
  ids.official = await makeUser(t.db, {
    roles: [{ municipalityId: places.issykKul.id, role: "official" }],
  });
  ids.saryOi = await makeUser(t.db, {
    roles: [{ municipalityId: places.saryOi.id, role: "official" }],
  });
  ids.resident = await makeUser(t.db, {
    municipalityId: places.issykKul.id,
    verifiedIn: [{ municipalityId: places.issykKul.id }],
  });
  for (const k of Object.keys(ids) as (keyof typeof ids)[])
    cookies[k] = await sessionCookieFor(t.db, ids[k]);
});
afterAll(async () => {
  setClock(null);
  await t.cleanup();
});
beforeEach(() => setClock("2026-02-27T04:00:00Z"));

const actor = async (id: number) => (await loadSessionUser(t.db, id))!;

async function result(p: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    const r: any = await p;
    if (r instanceof Response) return { status: r.status, body: await r.text() };
    if (r && r.type === "DataWithResponseInit")
      return { status: r.init?.status ?? 200, body: r.data };
    return { status: 200, body: r };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: await e.text() };
    throw e;
  }
}

function post(id: number, cookie: string, form: Record<string, string>) {
  return result(
    planRoute.action({
      request: makeRequest(`/ru/office/hearings/${id}/plan`, { cookie, form }),
      params: { lang: "ru", id: String(id) },
      context: {},
    } as any),
  );
}

/** A plan hearing with one section and one project, ready to be announced. */
async function planDraft() {
  const a = await actor(ids.official);
  const id = await cmd.createHearing(t.db, a, {
    municipalityId: places.issykKul.id,
    type: "plan",
    titleKy: "2026–2030-жылдардагы өнүгүү программасы",
    titleRu: "Программа развития на 2026–2030 годы",
    initiatorKind: "okmotu",
  });
  await cmd.updateDetails(t.db, a, id, {
    titleKy: "2026–2030-жылдардагы өнүгүү программасы",
    titleRu: "Программа развития на 2026–2030 годы",
    summaryKy: "Айыл өкмөтүнүн беш жылдык программасы.",
    summaryRu: "Пятилетняя программа айыл окмоту.",
    bodyKy: "Толук текст.",
    bodyRu: "Полный текст.",
    authoritativeLang: "ky",
    initiatorKind: "okmotu",
    initiatorNameKy: null,
    initiatorNameRu: null,
    noticeAt: startOfBishkekDay("2026-03-01"),
    commentStartAt: startOfBishkekDay("2026-03-05"),
    commentEndAt: endOfBishkekDay("2026-03-25"),
    meetingAt: fromBishkekLocal("2026-03-20", "10:00"),
    meetingPlaceKy: "Маданият үйү",
    meetingPlaceRu: "Дом культуры",
  });
  const sectionId = await cmd.addPlanSection(t.db, a, id, {
    nameKy: "Суу менен камсыздоо",
    nameRu: "Водоснабжение",
  });
  const projectId = await cmd.addPlanProject(t.db, a, id, {
    sectionId,
    titleKy: "Суу түтүгүн жаңылоо",
    titleRu: "Обновление водопровода",
    budget: 150_000_000,
    yearFrom: 2026,
    yearTo: 2027,
    fundingSource: "local",
    descriptionKy: "",
    descriptionRu: "",
  });
  return { id, sectionId, projectId };
}

const projectForm = (projectId: number) => ({
  intent: "updateProject",
  projectId: String(projectId),
  titleKy: "Суу түтүгүн жана насостук станцияны жаңылоо",
  titleRu: "Обновление водопровода и насосной станции",
  budget: "1 750 000,50",
  yearFrom: "2026",
  yearTo: "2028",
  fundingSource: "donor",
  descriptionKy: "Өнүгүү өнөктөштөрүнүн грантынын эсебинен.",
  descriptionRu: "За счёт гранта партнёров по развитию.",
});

const section = (id: number) =>
  t.db.selectFrom("plan_sections").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const project = (id: number) =>
  t.db.selectFrom("plan_projects").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const versions = (id: number) =>
  t.db
    .selectFrom("hearing_versions")
    .selectAll()
    .where("hearing_id", "=", id)
    .orderBy("version")
    .execute();

describe(`editing plan sections and projects in place (${process.env.TEST_DB ?? "sqlite"})`, () => {
  it("renames a section and edits a project of a draft, without keeping versions", async () => {
    const { id, sectionId, projectId } = await planDraft();
    const renamed = await post(id, cookies.official, {
      intent: "updateSection",
      sectionId: String(sectionId),
      nameKy: "Ичүүчү суу",
      nameRu: "Питьевая вода",
    });
    expect(renamed).toMatchObject({ status: 200, body: { ok: true, intent: "updateSection" } });
    expect(await section(sectionId)).toMatchObject({
      name_ky: "Ичүүчү суу",
      name_ru: "Питьевая вода",
    });
    const edited = await post(id, cookies.official, projectForm(projectId));
    expect(edited).toMatchObject({ status: 200, body: { ok: true, intent: "updateProject" } });
    const p = await project(projectId);
    expect({ ...p, budget: Number(p.budget) }).toMatchObject({
      section_id: sectionId,
      title_ky: "Суу түтүгүн жана насостук станцияны жаңылоо",
      title_ru: "Обновление водопровода и насосной станции",
      budget: 175_000_050,
      year_from: 2026,
      year_to: 2028,
      funding_source: "donor",
      description_ky: "Өнүгүү өнөктөштөрүнүн грантынын эсебинен.",
      description_ru: "За счёт гранта партнёров по развитию.",
    });
    expect(await versions(id)).toEqual([]);
  });

  it("after announcement keeps each edit as a version with the changed fields", async () => {
    const { id, sectionId, projectId } = await planDraft();
    await cmd.announceHearing(t.db, await actor(ids.official), id);
    const renamed = await post(id, cookies.official, {
      intent: "updateSection",
      sectionId: String(sectionId),
      nameKy: "Ичүүчү суу",
      nameRu: "Питьевая вода",
    });
    expect(renamed.body).toMatchObject({ ok: true });
    // the budget changes: after announcement that is an amendment and needs its reason (ADR 0050)
    const noReason = await post(id, cookies.official, projectForm(projectId));
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.errors)).toEqual(["amendReason"]);
    expect(noReason.body.values).toMatchObject({ budget: projectForm(projectId).budget });
    const edited = await post(id, cookies.official, {
      ...projectForm(projectId),
      amendReason: "Смета жаңыланды",
    });
    expect(edited.body).toMatchObject({ ok: true });
    const v = await versions(id);
    expect(v.map((x) => Number(x.version))).toEqual([2, 3]);
    expect(v.map((x) => JSON.parse(x.changed_fields_json))).toEqual([
      ["planSections"],
      ["planSections"],
    ]);
    const snap = JSON.parse(v[1].snapshot_json);
    expect(snap.planSections[0]).toMatchObject({ name_ky: "Ичүүчү суу", name_ru: "Питьевая вода" });
    expect(snap.planSections[0].projects[0]).toMatchObject({
      budget: 175_000_050,
      year_to: 2028,
      funding_source: "donor",
    });
    const h = await t.db
      .selectFrom("hearings")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Number(h.version)).toBe(3);
  });

  it("answers a bad budget, empty name or reversed years with 400, keeping what was typed", async () => {
    const { id, sectionId, projectId } = await planDraft();
    const bad = await post(id, cookies.official, { ...projectForm(projectId), budget: "много" });
    expect(bad.status).toBe(400);
    expect(bad.body.intent).toBe("updateProject");
    expect(bad.body.errors.budget).toEqual(["Введите сумму в сомах, например 25 или 14,43."]);
    expect(bad.body.values).toMatchObject({
      projectId: String(projectId),
      budget: "много",
      titleRu: "Обновление водопровода и насосной станции",
      yearTo: "2028",
    });
    const years = await post(id, cookies.official, {
      ...projectForm(projectId),
      yearFrom: "2028",
      yearTo: "2026",
    });
    expect(years.status).toBe(400);
    expect(years.body.errors.yearTo).toEqual(["Год окончания не может быть раньше года начала."]);
    expect(years.body.values.yearFrom).toBe("2028");
    const empty = await post(id, cookies.official, {
      intent: "updateSection",
      sectionId: String(sectionId),
      nameKy: "  ",
      nameRu: "Питьевая вода",
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.nameKy).toEqual(["Заполните это поле."]);
    expect(empty.body.values.nameRu).toBe("Питьевая вода");
    // nothing changed
    expect(Number((await project(projectId)).budget)).toBe(150_000_000);
    expect((await section(sectionId)).name_ky).toBe("Суу менен камсыздоо");
  });

  it("refuses another municipality's official and a resident, and another hearing's rows", async () => {
    const { id, sectionId, projectId } = await planDraft();
    for (const who of [cookies.saryOi, cookies.resident]) {
      const s = await post(id, who, {
        intent: "updateSection",
        sectionId: String(sectionId),
        nameKy: "Башка",
        nameRu: "Другое",
      });
      expect(s.status).toBe(403);
      const p = await post(id, who, projectForm(projectId));
      expect(p.status).toBe(403);
    }
    // a section or project of another hearing cannot be reached through this one
    const other = await planDraft();
    const s = await post(other.id, cookies.official, {
      intent: "updateSection",
      sectionId: String(sectionId),
      nameKy: "Башка",
      nameRu: "Другое",
    });
    expect(s.status).toBe(404);
    const p = await post(other.id, cookies.official, projectForm(projectId));
    expect(p.status).toBe(404);
    expect(await section(sectionId)).toMatchObject({ name_ky: "Суу менен камсыздоо" });
    expect((await project(projectId)).title_ru).toBe("Обновление водопровода");
  });

  it("refuses edits once the hearing is closed or cancelled", async () => {
    const { id, sectionId } = await planDraft();
    const a = await actor(ids.official);
    await cmd.cancelHearing(t.db, a, id, "Программа кайра каралат");
    const r = await post(id, cookies.official, {
      intent: "updateSection",
      sectionId: String(sectionId),
      nameKy: "Ичүүчү суу",
      nameRu: "Питьевая вода",
    });
    expect(r.status).toBe(409); // the state refuses it (ADR 0005); was the default 400 before the policy;
    expect(r.body.errors._form).toHaveLength(1);
    expect((await section(sectionId)).name_ky).toBe("Суу менен камсыздоо");
  });
});
