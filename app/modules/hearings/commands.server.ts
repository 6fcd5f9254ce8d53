/**
 * Writes of the hearings feature. Every command takes the db first and owns its transaction; inside
 * it, it loads the hearing and asks the policy (`policy.ts`: role in the hearing's municipality,
 * state, dates) before it writes, throwing the policy's refusal as a DomainError. Outcomes common
 * to the edit commands: 404 `hearings:errors.notFound`, 403 `errors.forbidden`, 409
 * `errors.notEditable` / `errors.wrongType` (see `editRefusal`). After announcement a change to
 * what is voted on is an amendment (`amend.server.ts`, ADR 0050).
 */
import { randomBytes } from "node:crypto";
import type { DB } from "#db/connection";
import type { Hearing, HearingState, HearingType } from "#db/schema";
import { audit } from "../audit/audit.server";
import type { Actor } from "../auth/permissions";
import { nowIso, now } from "../core/clock.server";
import { DomainError, refuseIf } from "../core/errors";
import { formatMoney, isMoneyInRange, moneyRangeParams } from "../format/format";
import { normalizeSearch } from "../format/search";
import { toBishkekDateInput } from "../format/time";
import { emit } from "../notify/events.server";
import { getStorage, newKey, sha256Hex } from "../storage/storage.server";
import { deriveState, pendingClockSteps } from "./state";
import { checkSchedule, type ScheduleInput } from "./schedule";
import { checkUpload } from "./uploads.server";
import type { AmendmentChange, LineRef } from "./amend";
import { affectedQuestions, recordAmendment, requireAmendReason } from "./amend.server";
import { lineQuestionTitle } from "./labels.server";
import {
  announceRefusal,
  cancelRefusal,
  closeRefusal,
  createRefusal,
  editRefusal,
  type HearingFacts,
} from "./policy";

type Tx = DB;

export const DEFAULT_QUESTION = {
  ky: "Сунушту колдойсузбу?",
  ru: "Поддерживаете ли вы предложение?",
};

const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function shortCode(): string {
  const bytes = randomBytes(6);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

function searchText(h: {
  title_ky: string;
  title_ru: string;
  summary_ky: string;
  summary_ru: string;
  initiator_name_ky?: string | null;
  initiator_name_ru?: string | null;
}): string {
  return normalizeSearch(
    [h.title_ky, h.title_ru, h.summary_ky, h.summary_ru, h.initiator_name_ky, h.initiator_name_ru]
      .filter(Boolean)
      .join(" "),
  );
}

async function loadHearing(db: Tx, id: number): Promise<Hearing> {
  const h = await db.selectFrom("hearings").selectAll().where("id", "=", id).executeTakeFirst();
  if (!h) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
  return h;
}

/** A hearing row as the policy's facts, its state derived at the clock's now. */
function facts(h: Hearing): HearingFacts {
  return { municipalityId: h.municipality_id, type: h.type, state: deriveState(h, now()) };
}

/** A snapshot of what the public sees, for the versions kept after announcement. */
async function snapshot(db: Tx, id: number): Promise<Record<string, unknown>> {
  const h = await loadHearing(db, id);
  const lines = await db
    .selectFrom("tariff_lines")
    .selectAll()
    .where("hearing_id", "=", id)
    .orderBy("position")
    .execute();
  const sections = await db
    .selectFrom("plan_sections")
    .selectAll()
    .where("hearing_id", "=", id)
    .orderBy("position")
    .execute();
  const projects = sections.length
    ? await db
        .selectFrom("plan_projects")
        .selectAll()
        .where(
          "section_id",
          "in",
          sections.map((s) => s.id),
        )
        .execute()
    : [];
  const { search_text: _s, version: _v, updated_at: _u, ...rest } = h;
  return {
    ...rest,
    tariffLines: lines.map((l) => ({
      ...l,
      current_price: Number(l.current_price),
      proposed_price: Number(l.proposed_price),
    })),
    planSections: sections.map((s) => ({
      ...s,
      projects: projects
        .filter((p) => p.section_id === s.id)
        .map((p) => ({ ...p, budget: Number(p.budget) })),
    })),
  };
}

/** After an edit: keep a version when the hearing is already public, bump updated_at. */
async function afterEdit(trx: Tx, h: Hearing, actorId: number, changed: string[]): Promise<void> {
  const at = nowIso();
  const fresh = await loadHearing(trx, h.id);
  const patch: Record<string, unknown> = { updated_at: at, search_text: searchText(fresh) };
  if (h.state !== "draft" && changed.length) {
    const version = Number(fresh.version) + 1;
    await trx
      .insertInto("hearing_versions")
      .values({
        hearing_id: h.id,
        version,
        snapshot_json: JSON.stringify(await snapshot(trx, h.id)),
        changed_fields_json: JSON.stringify(changed),
        created_by: actorId,
        created_at: at,
      })
      .execute();
    patch.version = version;
  }
  await trx.updateTable("hearings").set(patch).where("id", "=", h.id).execute();
}

// ---- create and edit -----------------------------------------------------------------------

export interface CreateHearingInput {
  municipalityId: number;
  type: HearingType;
  titleKy: string;
  titleRu: string;
  initiatorKind: "okmotu" | "enterprise";
  initiatorNameKy?: string | null;
  initiatorNameRu?: string | null;
  /**
   * A readable short code of its own (the demo seed and test fixtures: `tyup24`); default a
   * random one. One already taken is refused.
   */
  shortCode?: string;
}

/**
 * A new draft hearing of the municipality with the default question, its "draft" transition and
 * an audit entry. Outcomes: the new id; 403 `hearings:errors.forbidden` without `hearing.create`
 * there; 409 `hearings:errors.shortCodeTaken` when a chosen short code is taken.
 */
export async function createHearing(
  db: DB,
  actor: Actor,
  input: CreateHearingInput,
): Promise<number> {
  refuseIf(createRefusal(actor, input.municipalityId));
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (
      input.shortCode !== undefined &&
      (await trx
        .selectFrom("hearings")
        .select("id")
        .where("short_code", "=", input.shortCode)
        .executeTakeFirst())
    )
      throw new DomainError("hearings:errors.shortCodeTaken", {}, 409, "_form");
    let code = input.shortCode ?? shortCode();
    while (
      await trx
        .selectFrom("hearings")
        .select("id")
        .where("short_code", "=", code)
        .executeTakeFirst()
    )
      code = shortCode();
    const row = {
      title_ky: input.titleKy.trim(),
      title_ru: input.titleRu.trim(),
      summary_ky: "",
      summary_ru: "",
      initiator_name_ky: input.initiatorNameKy?.trim() || null,
      initiator_name_ru: input.initiatorNameRu?.trim() || null,
    };
    const { id } = await trx
      .insertInto("hearings")
      .values({
        municipality_id: input.municipalityId,
        type: input.type,
        state: "draft",
        protocol_state: null,
        short_code: code,
        ...row,
        initiator_kind: input.initiatorKind,
        search_text: searchText(row),
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("questions")
      .values({
        hearing_id: id,
        position: 1,
        title_ky: DEFAULT_QUESTION.ky,
        title_ru: DEFAULT_QUESTION.ru,
        tariff_line_id: null,
      })
      .execute();
    await trx
      .insertInto("hearing_transitions")
      .values({
        hearing_id: id,
        from_state: null,
        to_state: "draft",
        actor_user_id: actor.id,
        reason: null,
        created_at: at,
      })
      .execute();
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: input.municipalityId,
      action: "hearing.create",
      targetType: "hearing",
      targetId: id,
    });
    return id;
  });
}

export interface DetailsInput {
  titleKy: string;
  titleRu: string;
  summaryKy: string;
  summaryRu: string;
  bodyKy: string;
  bodyRu: string;
  authoritativeLang: "ky" | "ru";
  initiatorKind: "okmotu" | "enterprise";
  initiatorNameKy: string | null;
  initiatorNameRu: string | null;
  noticeAt: Date | null;
  commentStartAt: Date | null;
  commentEndAt: Date | null;
  meetingAt: Date | null;
  meetingPlaceKy: string | null;
  meetingPlaceRu: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function updateDetails(
  db: DB,
  actor: Actor,
  id: number,
  input: DetailsInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "details"));
    const next = {
      title_ky: input.titleKy,
      title_ru: input.titleRu,
      summary_ky: input.summaryKy,
      summary_ru: input.summaryRu,
      body_ky: input.bodyKy,
      body_ru: input.bodyRu,
      authoritative_lang: input.authoritativeLang,
      initiator_kind: input.initiatorKind,
      initiator_name_ky: input.initiatorNameKy,
      initiator_name_ru: input.initiatorNameRu,
      notice_at: iso(input.noticeAt),
      comment_start_at: iso(input.commentStartAt),
      comment_end_at: iso(input.commentEndAt),
      meeting_at: iso(input.meetingAt),
      meeting_place_ky: input.meetingPlaceKy,
      meeting_place_ru: input.meetingPlaceRu,
    };
    // no backdating after announcing either (issue 11): a notice date or comment start that
    // changes may not fall before the day of announcing, nor before today (Bishkek calendar
    // days), the same rule announceProblems applies; an unchanged value is always kept
    if (h.state !== "draft" || h.announced_at) {
      const today = toBishkekDateInput(now());
      const announcedDay = h.announced_at ? toBishkekDateInput(h.announced_at) : today;
      const floor = announcedDay > today ? announcedDay : today;
      const time = (v: string | Date | null) => (v ? new Date(v).getTime() : null);
      for (const [was, to, field, key] of [
        [h.notice_at, input.noticeAt, "noticeDate", "hearings:announce.noticeInPast"],
        [
          h.comment_start_at,
          input.commentStartAt,
          "commentStartDate",
          "hearings:announce.startInPast",
        ],
      ] as const)
        if (to && time(was) !== time(to) && toBishkekDateInput(to) < floor)
          throw new DomainError(key, {}, 400, field);
    }
    // a complete schedule must keep to the municipality's rules, and a public hearing's must be
    // complete; every problem is reported with its field
    const complete =
      input.noticeAt && input.commentStartAt && input.commentEndAt && input.meetingAt;
    if (complete || h.state !== "draft") {
      const problems = await scheduleProblems(trx, h.municipality_id, input);
      if (problems.length)
        throw new DomainError(
          problems[0].key,
          problems[0].params ?? {},
          400,
          problems[0].field,
          problems,
        );
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => (h[k] ?? null) !== (next[k] ?? null),
    );
    await trx.updateTable("hearings").set(next).where("id", "=", id).execute();
    await afterEdit(trx, h, actor.id, changed);
  });
}

async function scheduleProblems(db: Tx, municipalityId: number, s: ScheduleInput) {
  const m = await db
    .selectFrom("municipalities")
    .select(["min_notice_days", "min_comment_days"])
    .where("id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  return checkSchedule(s, {
    minNoticeDays: Number(m.min_notice_days),
    minCommentDays: Number(m.min_comment_days),
  });
}

export interface TariffLineInput {
  service: string;
  category: string;
  unit: string;
  currentPrice: number;
  proposedPrice: number;
  justificationKy: string;
  justificationRu: string;
  costItems: { nameKy: string; nameRu: string; amount: number }[];
  /** why, when the hearing is announced and the change is an amendment (ADR 0050) */
  amendReason?: string;
}

const lineRef = (l: { service: string; category: string; unit: string }): LineRef => ({
  service: l.service,
  category: l.category,
  unit: l.unit,
});

/**
 * Money a command is given must be whole tyiyn from 0 to MAX_MONEY_TYIYN (format.ts): the forms
 * refuse more already; this holds for every other caller (fixtures, imports, tests).
 * @throws DomainError 400 `common:errors.moneyRange` at `field`
 */
function checkMoney(tyiyn: number, field: string): void {
  if (!isMoneyInRange(tyiyn))
    throw new DomainError("common:errors.moneyRange", moneyRangeParams(), 400, field);
}

/**
 * One hearing has one line per service, consumer category and unit: two would put two prices for
 * the same thing to the vote (issue 11 review).
 * @param exceptId the line being edited (it may keep its own codes)
 * @throws DomainError 409 `hearings:errors.duplicateLine` at `category`
 */
async function refuseDuplicateLine(
  trx: Tx,
  hearingId: number,
  l: { service: string; category: string; unit: string },
  exceptId: number | null,
): Promise<void> {
  let q = trx
    .selectFrom("tariff_lines")
    .select("id")
    .where("hearing_id", "=", hearingId)
    .where("service", "=", l.service)
    .where("category", "=", l.category)
    .where("unit", "=", l.unit);
  if (exceptId !== null) q = q.where("id", "<>", exceptId);
  if (await q.executeTakeFirst())
    throw new DomainError("hearings:errors.duplicateLine", {}, 409, "category");
}

/** A cost breakdown, when given, must add up to the proposed price exactly. */
function checkCostSum(input: TariffLineInput): void {
  checkMoney(input.currentPrice, "currentPrice");
  checkMoney(input.proposedPrice, "proposedPrice");
  for (const c of input.costItems) checkMoney(c.amount, "costItems");
  if (!input.costItems.length) return;
  const sum = input.costItems.reduce((s, c) => s + c.amount, 0);
  if (sum !== input.proposedPrice)
    throw new DomainError(
      "hearings:errors.costSum",
      { sum: formatMoney(sum), proposed: formatMoney(input.proposedPrice) },
      400,
      "costItems",
    );
}

/** The line's cost items in one insert, positions 1…n. */
async function insertCostItems(trx: Tx, lineId: number, items: TariffLineInput["costItems"]) {
  if (!items.length) return;
  await trx
    .insertInto("tariff_cost_items")
    .values(
      items.map((c, i) => ({
        tariff_line_id: lineId,
        position: i + 1,
        name_ky: c.nameKy,
        name_ru: c.nameRu,
        amount: c.amount,
      })),
    )
    .execute();
}

/**
 * Adds a tariff line. After announcement this is an amendment (ADR 0050): a reason is required,
 * the votes on the questions about the whole proposal are set aside, the comment end may move.
 * Outcomes: the new line's id; 400 `hearings:errors.costSum` (costItems) or
 * `hearings:amend.reasonRequired` (amendReason); 403 forbidden (another municipality); 404;
 * 409 notEditable / wrongType / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function addTariffLine(
  db: DB,
  actor: Actor,
  id: number,
  input: TariffLineInput,
): Promise<number> {
  checkCostSum(input);
  return db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "lines"));
    requireAmendReason(h, input.amendReason);
    await refuseDuplicateLine(trx, id, input, null);
    const last = await trx
      .selectFrom("tariff_lines")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    const { id: lineId } = await trx
      .insertInto("tariff_lines")
      .values({
        hearing_id: id,
        position: Number(last?.p ?? 0) + 1,
        service: input.service,
        category: input.category,
        unit: input.unit,
        current_price: input.currentPrice,
        proposed_price: input.proposedPrice,
        justification_ky: input.justificationKy,
        justification_ru: input.justificationRu,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertCostItems(trx, lineId, input.costItems);
    await recordAmendment(trx, h, actor.id, {
      reason: input.amendReason,
      changes: [{ kind: "lineAdded", line: lineRef(input), proposed: input.proposedPrice }],
      affectedQuestionIds: await affectedQuestions(trx, id, null),
    });
    await afterEdit(trx, h, actor.id, ["tariffLines"]);
    return lineId;
  });
}

/** A question counted at the in-person meeting stays: the tally is part of the record. */
async function refuseRemovalWithTally(trx: Tx, questionIds: number[]): Promise<void> {
  if (!questionIds.length) return;
  const t = await trx
    .selectFrom("meeting_tallies")
    .select("question_id")
    .where("question_id", "in", questionIds)
    .executeTakeFirst();
  if (t) throw new DomainError("hearings:amend.hasTally", {}, 409, "_form");
}

/**
 * What is voted on never becomes empty by a removal (issue 11 review): a hearing keeps at least
 * one vote question (also in a draft: removing a line takes its own questions with it), and once
 * announced a tariff hearing keeps at least one tariff line and a plan hearing at least one section
 * (a draft may be emptied and filled again; announcing checks it).
 * @param removing how many lines / sections / questions the removal takes away
 * @throws DomainError 409 `hearings:errors.lastQuestion` / `hearings:errors.lastLine` /
 *   `hearings:errors.lastSection` (at `_form`)
 */
async function refuseEmptying(
  trx: Tx,
  h: Hearing,
  removing: { lines?: number; sections?: number; questions?: number },
): Promise<void> {
  const count = async (table: "tariff_lines" | "plan_sections" | "questions") =>
    Number(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("hearing_id", "=", h.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if (removing.questions && (await count("questions")) - removing.questions < 1)
    throw new DomainError("hearings:errors.lastQuestionWithLine", {}, 409, "_form");
  if (h.state === "draft") return;
  if (removing.lines && (await count("tariff_lines")) - removing.lines < 1)
    throw new DomainError("hearings:errors.lastLine", {}, 409, "_form");
  if (removing.sections && (await count("plan_sections")) - removing.sections < 1)
    throw new DomainError("hearings:errors.lastSection", {}, 409, "_form");
}

/** A line or section that residents commented on stays: its comments point at it. */
async function refuseRemovalWithComments(
  trx: Tx,
  column: "tariff_line_id" | "plan_section_id",
  targetId: number,
): Promise<void> {
  const c = await trx
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where(column, "=", targetId)
    .executeTakeFirstOrThrow();
  if (Number(c.n) > 0)
    throw new DomainError("hearings:errors.hasComments", { count: Number(c.n) }, 409, "_form");
}

/**
 * Edits a tariff line. After announcement a change of its service, category, unit or prices is an
 * amendment (ADR 0050): a reason is required, the votes on the line's questions and on those about
 * the whole proposal are set aside, the comment end may move. Justifications and cost items alone
 * are ordinary edits (kept as a hearing version).
 * Outcomes: 400 `hearings:errors.costSum` (costItems) or `hearings:amend.reasonRequired`
 * (amendReason); 403 forbidden (another municipality); 404 notFound (line not of this hearing);
 * 409 notEditable / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function updateTariffLine(
  db: DB,
  actor: Actor,
  id: number,
  lineId: number,
  input: TariffLineInput,
): Promise<void> {
  checkCostSum(input);
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "lines"));
    const before = await trx
      .selectFrom("tariff_lines")
      .selectAll()
      .where("id", "=", lineId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (!before) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    const changes: AmendmentChange[] = [];
    const was = lineRef(before);
    if (
      before.service !== input.service ||
      before.category !== input.category ||
      before.unit !== input.unit
    )
      changes.push({ kind: "lineRelabelled", from: was, to: lineRef(input) });
    for (const [field, from, to] of [
      ["current", Number(before.current_price), input.currentPrice],
      ["proposed", Number(before.proposed_price), input.proposedPrice],
    ] as const)
      if (from !== to) changes.push({ kind: "price", line: lineRef(input), field, from, to });
    if (changes.length) requireAmendReason(h, input.amendReason);
    const relabelled = changes.some((c) => c.kind === "lineRelabelled");
    if (relabelled) await refuseDuplicateLine(trx, id, input, lineId);
    const r = await trx
      .updateTable("tariff_lines")
      .set({
        service: input.service,
        category: input.category,
        unit: input.unit,
        current_price: input.currentPrice,
        proposed_price: input.proposedPrice,
        justification_ky: input.justificationKy,
        justification_ru: input.justificationRu,
      })
      .where("id", "=", lineId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    await trx.deleteFrom("tariff_cost_items").where("tariff_line_id", "=", lineId).execute();
    await insertCostItems(trx, lineId, input.costItems);
    // the line's own questions name the line: they follow its new names in both languages
    // (their votes are set aside below, so nobody's vote stands under a text they did not see)
    if (relabelled)
      await trx
        .updateTable("questions")
        .set({
          title_ky: lineQuestionTitle(input, "ky"),
          title_ru: lineQuestionTitle(input, "ru"),
        })
        .where("hearing_id", "=", id)
        .where("tariff_line_id", "=", lineId)
        .execute();
    if (changes.length)
      await recordAmendment(trx, h, actor.id, {
        reason: input.amendReason,
        changes,
        affectedQuestionIds: await affectedQuestions(trx, id, lineId),
      });
    await afterEdit(trx, h, actor.id, ["tariffLines"]);
  });
}

/**
 * Removes a tariff line. A line residents commented on stays (409 `hearings:errors.hasComments`:
 * the comments point at it). After announcement the removal is an amendment (ADR 0050): a reason
 * is required; the votes on the line's own questions and on those about the whole proposal are set
 * aside (kept in `votes_set_aside`), then the line's own questions go with it, so no orphaned
 * question stays on the ballot. A question with a recorded show-of-hands tally stays (409
 * `hearings:amend.hasTally`).
 * Outcomes: 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden; 404 notFound;
 * 409 notEditable / hasComments / hasTally / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function removeTariffLine(
  db: DB,
  actor: Actor,
  id: number,
  lineId: number,
  amendReason?: string,
) {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "lines"));
    const line = await trx
      .selectFrom("tariff_lines")
      .selectAll()
      .where("id", "=", lineId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (!line) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    await refuseRemovalWithComments(trx, "tariff_line_id", lineId);
    requireAmendReason(h, amendReason);
    const own = await trx
      .selectFrom("questions")
      .select("id")
      .where("tariff_line_id", "=", lineId)
      .execute();
    await refuseEmptying(trx, h, { lines: 1, questions: own.length });
    await refuseRemovalWithTally(
      trx,
      own.map((q) => q.id),
    );
    await recordAmendment(trx, h, actor.id, {
      reason: amendReason,
      changes: [
        { kind: "lineRemoved", line: lineRef(line), proposed: Number(line.proposed_price) },
      ],
      affectedQuestionIds: await affectedQuestions(trx, id, lineId),
    });
    // the line's own vote questions go with it (no orphaned question on the ballot); their votes
    // were set aside above (drafts have none)
    await trx.deleteFrom("questions").where("tariff_line_id", "=", lineId).execute();
    await trx.deleteFrom("tariff_cost_items").where("tariff_line_id", "=", lineId).execute();
    const r = await trx
      .deleteFrom("tariff_lines")
      .where("id", "=", lineId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0)
      throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    await afterEdit(trx, h, actor.id, ["tariffLines"]);
  });
}

/**
 * Adds a section to a plan hearing. After announcement this is an amendment (ADR 0050): a reason
 * is required and the votes on every question (all are about the whole programme) are set aside.
 * Outcomes: the section's id; 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden;
 * 404; 409 notEditable / wrongType / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function addPlanSection(
  db: DB,
  actor: Actor,
  id: number,
  input: { nameKy: string; nameRu: string; amendReason?: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    requireAmendReason(h, input.amendReason);
    const last = await trx
      .selectFrom("plan_sections")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    const { id: sid } = await trx
      .insertInto("plan_sections")
      .values({
        hearing_id: id,
        position: Number(last?.p ?? 0) + 1,
        name_ky: input.nameKy,
        name_ru: input.nameRu,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAmendment(trx, h, actor.id, {
      reason: input.amendReason,
      changes: [{ kind: "sectionAdded", name: { ky: input.nameKy, ru: input.nameRu } }],
      affectedQuestionIds: await affectedQuestions(trx, id, null),
    });
    await afterEdit(trx, h, actor.id, ["planSections"]);
    return sid;
  });
}

/**
 * Removes a plan section and its projects. A section residents commented on stays (409
 * `hearings:errors.hasComments`). After announcement this is an amendment (ADR 0050): a reason is
 * required and the votes on every question are set aside.
 * Outcomes: 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden; 404 notFound;
 * 409 notEditable / hasComments / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function removePlanSection(
  db: DB,
  actor: Actor,
  id: number,
  sectionId: number,
  amendReason?: string,
) {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    const s = await trx
      .selectFrom("plan_sections")
      .select(["id", "name_ky", "name_ru"])
      .where("id", "=", sectionId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (!s) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    await refuseRemovalWithComments(trx, "plan_section_id", sectionId);
    requireAmendReason(h, amendReason);
    await refuseEmptying(trx, h, { sections: 1 });
    await recordAmendment(trx, h, actor.id, {
      reason: amendReason,
      changes: [{ kind: "sectionRemoved", name: { ky: s.name_ky, ru: s.name_ru } }],
      affectedQuestionIds: await affectedQuestions(trx, id, null),
    });
    await trx.deleteFrom("plan_projects").where("section_id", "=", sectionId).execute();
    await trx.deleteFrom("plan_sections").where("id", "=", sectionId).execute();
    await afterEdit(trx, h, actor.id, ["planSections"]);
  });
}

/** Rename a section; the same rules as adding one (kept as a version after announcement). */
export async function updatePlanSection(
  db: DB,
  actor: Actor,
  id: number,
  sectionId: number,
  input: { nameKy: string; nameRu: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    const r = await trx
      .updateTable("plan_sections")
      .set({ name_ky: input.nameKy, name_ru: input.nameRu })
      .where("id", "=", sectionId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    await afterEdit(trx, h, actor.id, ["planSections"]);
  });
}

export interface ProjectInput {
  sectionId: number;
  titleKy: string;
  titleRu: string;
  /** tyiyn, 0…MAX_MONEY_TYIYN */
  budget: number;
  yearFrom: number;
  yearTo: number;
  fundingSource: "local" | "republican" | "donor" | "community";
  descriptionKy: string;
  descriptionRu: string;
  /** the amendment's reason; required once the hearing is announced (ADR 0050) */
  amendReason?: string;
}

/**
 * Adds a project to a plan section. In a plan hearing the projects are what is voted on, so after
 * announcement this is an amendment (ADR 0050): a reason is required, the votes on every question
 * are set aside, voters are notified, the comment end may move.
 * Outcomes: the project's id; 400 `hearings:errors.years` (yearTo), `common:errors.moneyRange`
 * (budget), `hearings:amend.reasonRequired` (amendReason); 403 forbidden; 404 (hearing, or a
 * section not of this hearing at sectionId); 409 notEditable / wrongType /
 * `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function addPlanProject(
  db: DB,
  actor: Actor,
  id: number,
  input: ProjectInput,
): Promise<number> {
  checkMoney(input.budget, "budget");
  if (input.yearTo < input.yearFrom)
    throw new DomainError("hearings:errors.years", {}, 400, "yearTo");
  return db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    const s = await trx
      .selectFrom("plan_sections")
      .select("id")
      .where("id", "=", input.sectionId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (!s) throw new DomainError("hearings:errors.notFound", {}, 404, "sectionId");
    requireAmendReason(h, input.amendReason);
    const last = await trx
      .selectFrom("plan_projects")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("section_id", "=", input.sectionId)
      .executeTakeFirst();
    const { id: pid } = await trx
      .insertInto("plan_projects")
      .values({
        section_id: input.sectionId,
        position: Number(last?.p ?? 0) + 1,
        title_ky: input.titleKy,
        title_ru: input.titleRu,
        budget: input.budget,
        year_from: input.yearFrom,
        year_to: input.yearTo,
        funding_source: input.fundingSource,
        description_ky: input.descriptionKy,
        description_ru: input.descriptionRu,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAmendment(trx, h, actor.id, {
      reason: input.amendReason,
      changes: [
        {
          kind: "projectAdded",
          title: { ky: input.titleKy, ru: input.titleRu },
          budget: input.budget,
        },
      ],
      affectedQuestionIds: await affectedQuestions(trx, id, null),
    });
    await afterEdit(trx, h, actor.id, ["planSections"]);
    return pid;
  });
}

/**
 * Edits a project in place (its section stays). After announcement a change of its budget is an
 * amendment like adding one (ADR 0050); titles, years, funding source and descriptions alone are
 * ordinary edits (a hearing version). Outcomes as `addPlanProject`, 404 notFound for a project not
 * of this hearing.
 */
export async function updatePlanProject(
  db: DB,
  actor: Actor,
  id: number,
  projectId: number,
  input: Omit<ProjectInput, "sectionId">,
): Promise<void> {
  checkMoney(input.budget, "budget");
  if (input.yearTo < input.yearFrom)
    throw new DomainError("hearings:errors.years", {}, 400, "yearTo");
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    const p = await trx
      .selectFrom("plan_projects as p")
      .innerJoin("plan_sections as s", "s.id", "p.section_id")
      .select(["p.id", "p.budget"])
      .where("p.id", "=", projectId)
      .where("s.hearing_id", "=", id)
      .executeTakeFirst();
    if (!p) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    const budgetChanged = Number(p.budget) !== input.budget;
    if (budgetChanged) requireAmendReason(h, input.amendReason);
    await trx
      .updateTable("plan_projects")
      .set({
        title_ky: input.titleKy,
        title_ru: input.titleRu,
        budget: input.budget,
        year_from: input.yearFrom,
        year_to: input.yearTo,
        funding_source: input.fundingSource,
        description_ky: input.descriptionKy,
        description_ru: input.descriptionRu,
      })
      .where("id", "=", projectId)
      .execute();
    if (budgetChanged)
      await recordAmendment(trx, h, actor.id, {
        reason: input.amendReason,
        changes: [
          {
            kind: "projectBudget",
            title: { ky: input.titleKy, ru: input.titleRu },
            from: Number(p.budget),
            to: input.budget,
          },
        ],
        affectedQuestionIds: await affectedQuestions(trx, id, null),
      });
    await afterEdit(trx, h, actor.id, ["planSections"]);
  });
}

/**
 * Removes a project. After announcement this is an amendment (ADR 0050): a reason is required and
 * the votes on every question are set aside.
 * Outcomes: 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden; 404 notFound;
 * 409 notEditable / `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function removePlanProject(
  db: DB,
  actor: Actor,
  id: number,
  projectId: number,
  amendReason?: string,
) {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "plan"));
    const p = await trx
      .selectFrom("plan_projects as p")
      .innerJoin("plan_sections as s", "s.id", "p.section_id")
      .select(["p.id", "p.title_ky", "p.title_ru", "p.budget"])
      .where("p.id", "=", projectId)
      .where("s.hearing_id", "=", id)
      .executeTakeFirst();
    if (!p) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    requireAmendReason(h, amendReason);
    await recordAmendment(trx, h, actor.id, {
      reason: amendReason,
      changes: [
        {
          kind: "projectRemoved",
          title: { ky: p.title_ky, ru: p.title_ru },
          budget: Number(p.budget),
        },
      ],
      affectedQuestionIds: await affectedQuestions(trx, id, null),
    });
    await trx.deleteFrom("plan_projects").where("id", "=", projectId).execute();
    await afterEdit(trx, h, actor.id, ["planSections"]);
  });
}

/**
 * Adds a vote question. After announcement this is an amendment (ADR 0050): a reason is required;
 * no vote is set aside (the new question has none), the comment end may move.
 * Outcomes: the question's id; 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden;
 * 404 (hearing, or a line not of this hearing at tariffLineId); 409 notEditable /
 * `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function addQuestion(
  db: DB,
  actor: Actor,
  id: number,
  input: { titleKy: string; titleRu: string; tariffLineId: number | null; amendReason?: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "questions"));
    requireAmendReason(h, input.amendReason);
    if (input.tariffLineId != null) {
      const l = await trx
        .selectFrom("tariff_lines")
        .select("id")
        .where("id", "=", input.tariffLineId)
        .where("hearing_id", "=", id)
        .executeTakeFirst();
      if (!l) throw new DomainError("hearings:errors.notFound", {}, 404, "tariffLineId");
    }
    const last = await trx
      .selectFrom("questions")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    const { id: qid } = await trx
      .insertInto("questions")
      .values({
        hearing_id: id,
        position: Number(last?.p ?? 0) + 1,
        title_ky: input.titleKy,
        title_ru: input.titleRu,
        tariff_line_id: input.tariffLineId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAmendment(trx, h, actor.id, {
      reason: input.amendReason,
      changes: [{ kind: "questionAdded", title: { ky: input.titleKy, ru: input.titleRu } }],
      affectedQuestionIds: [],
    });
    await afterEdit(trx, h, actor.id, ["questions"]);
    return qid;
  });
}

/**
 * Removes a vote question (at least one stays). After announcement this is an amendment (ADR
 * 0050): a reason is required and the question's votes are set aside (kept in `votes_set_aside`
 * with its title) before it goes. A question with a recorded show-of-hands tally stays.
 * Outcomes: 400 `hearings:amend.reasonRequired` (amendReason); 403 forbidden; 404 notFound;
 * 409 notEditable / lastQuestion / `hearings:amend.hasTally` /
 * `hearings:amend.meetingBeforeCommentEnd`.
 */
export async function removeQuestion(
  db: DB,
  actor: Actor,
  id: number,
  questionId: number,
  amendReason?: string,
) {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "questions"));
    const q = await trx
      .selectFrom("questions")
      .select(["id", "title_ky", "title_ru"])
      .where("id", "=", questionId)
      .where("hearing_id", "=", id)
      .executeTakeFirst();
    if (!q) throw new DomainError("hearings:errors.notFound", {}, 404, "_form");
    const n = await trx
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("hearing_id", "=", id)
      .executeTakeFirstOrThrow();
    if (Number(n.n) <= 1) throw new DomainError("hearings:errors.lastQuestion", {}, 409);
    requireAmendReason(h, amendReason);
    await refuseRemovalWithTally(trx, [questionId]);
    await recordAmendment(trx, h, actor.id, {
      reason: amendReason,
      changes: [{ kind: "questionRemoved", title: { ky: q.title_ky, ru: q.title_ru } }],
      affectedQuestionIds: [questionId],
    });
    await trx
      .deleteFrom("questions")
      .where("id", "=", questionId)
      .where("hearing_id", "=", id)
      .execute();
    await afterEdit(trx, h, actor.id, ["questions"]);
  });
}

// ---- documents -----------------------------------------------------------------------------

export async function addDocument(
  db: DB,
  actor: Actor,
  id: number,
  file: { name: string; data: Uint8Array; title?: string | null },
  maxBytes: number,
): Promise<number> {
  const check = checkUpload(file.name, file.data, maxBytes);
  if (!check.ok)
    throw new DomainError(
      `hearings:upload.${check.error}`,
      { max: Math.round(maxBytes / 1024 / 1024) },
      400,
      "file",
    );
  // checked before the file is stored (no orphan files from refused uploads) and again inside the
  // transaction, which is the check that counts
  const h0 = await loadHearing(db, id);
  refuseIf(editRefusal(actor, facts(h0), "documents"));
  const ext = check.kind === "jpeg" ? "jpg" : check.kind;
  const key = newKey("documents", ext);
  await getStorage().put(key, file.data);
  try {
    return await db.transaction().execute(async (trx) => {
      const h = await loadHearing(trx, id);
      refuseIf(editRefusal(actor, facts(h), "documents"));
      const { id: docId } = await trx
        .insertInto("documents")
        .values({
          hearing_id: id,
          storage_key: key,
          file_name: file.name.slice(0, 200),
          title: file.title?.trim() || null,
          content_type: check.contentType,
          size: file.data.byteLength,
          sha256: sha256Hex(file.data),
          uploaded_by: actor.id,
          created_at: nowIso(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await afterEdit(trx, h, actor.id, ["documents"]);
      return docId;
    });
  } catch (e) {
    await getStorage().remove(key);
    throw e;
  }
}

/** Documents are never hard-deleted: marked removed (the file stays for the record). */
export async function removeDocument(db: DB, actor: Actor, id: number, docId: number) {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(editRefusal(actor, facts(h), "documents"));
    await trx
      .updateTable("documents")
      .set({ removed_at: nowIso() })
      .where("id", "=", docId)
      .where("hearing_id", "=", id)
      .where("removed_at", "is", null)
      .execute();
    await afterEdit(trx, h, actor.id, ["documents"]);
  });
}

// ---- states --------------------------------------------------------------------------------

async function transition(
  trx: Tx,
  id: number,
  from: HearingState | null,
  to: HearingState,
  actorId: number | null,
  reason: string | null,
  at: string,
) {
  await trx
    .insertInto("hearing_transitions")
    .values({
      hearing_id: id,
      from_state: from,
      to_state: to,
      actor_user_id: actorId,
      reason,
      created_at: at,
    })
    .execute();
}

/** What is missing before a hearing may be announced (i18n keys of the hearings namespace). */
export async function announceProblems(
  db: Tx,
  h: Hearing,
): Promise<{ field: string; key: string; params?: Record<string, number> }[]> {
  const out: { field: string; key: string; params?: Record<string, number> }[] = [];
  for (const f of [
    "title_ky",
    "title_ru",
    "summary_ky",
    "summary_ru",
    "body_ky",
    "body_ru",
  ] as const)
    if (!h[f].trim()) out.push({ field: f, key: "announce.missingText" });
  if (h.initiator_kind === "enterprise" && !(h.initiator_name_ky && h.initiator_name_ru))
    out.push({ field: "initiator", key: "announce.missingInitiator" });
  if (!h.meeting_place_ky?.trim() || !h.meeting_place_ru?.trim())
    out.push({ field: "meetingPlace", key: "announce.missingPlace" });
  const d = (v: string | null) => (v ? new Date(v) : null);
  const problems = await scheduleProblems(db, h.municipality_id, {
    noticeAt: d(h.notice_at),
    commentStartAt: d(h.comment_start_at),
    commentEndAt: d(h.comment_end_at),
    meetingAt: d(h.meeting_at),
  });
  for (const p of problems)
    out.push({ field: p.field, key: p.key.replace(/^hearings:/, ""), params: p.params });
  if (h.comment_end_at && h.comment_end_at <= nowIso())
    out.push({ field: "commentEndDate", key: "announce.endInPast" });
  // no backdating: the notice is published, and the comment period starts, on the day of announcing
  // or later (Bishkek calendar days), so the notice rule cannot be met on paper only
  const today = toBishkekDateInput(now());
  if (h.notice_at && toBishkekDateInput(h.notice_at) < today)
    out.push({ field: "noticeDate", key: "announce.noticeInPast" });
  if (h.comment_start_at && toBishkekDateInput(h.comment_start_at) < today)
    out.push({ field: "commentStartDate", key: "announce.startInPast" });
  if (h.type === "tariff") {
    const n = await db
      .selectFrom("tariff_lines")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("hearing_id", "=", h.id)
      .executeTakeFirstOrThrow();
    if (Number(n.n) === 0) out.push({ field: "tariffLines", key: "announce.noLines" });
  } else {
    const n = await db
      .selectFrom("plan_projects as p")
      .innerJoin("plan_sections as s", "s.id", "p.section_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("s.hearing_id", "=", h.id)
      .executeTakeFirstOrThrow();
    if (Number(n.n) === 0) out.push({ field: "planSections", key: "announce.noProjects" });
  }
  return out;
}

export async function announceHearing(db: DB, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(announceRefusal(actor, { ...facts(h), state: h.state }));
    const problems = await announceProblems(trx, h);
    if (problems.length)
      throw new DomainError(
        `hearings:${problems[0].key}`,
        problems[0].params ?? {},
        400,
        problems[0].field,
      );
    const at = nowIso();
    await trx
      .updateTable("hearings")
      .set({ state: "announced", announced_at: at, updated_at: at })
      .where("id", "=", id)
      .where("state", "=", "draft")
      .execute();
    await transition(trx, id, "draft", "announced", actor.id, null, at);
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: "hearing.announce",
      targetType: "hearing",
      targetId: id,
    });
    await emit(trx, { type: "hearing.announced", hearingId: id });
  });
  await syncDerivedState(db, id);
}

/** Close early: only while open, and only after the municipality's minimum comment period. */
export async function closeHearing(
  db: DB,
  actor: Actor,
  id: number,
  reason: string | null = null,
): Promise<void> {
  await syncDerivedState(db, id);
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    const m = await trx
      .selectFrom("municipalities")
      .select("min_comment_days")
      .where("id", "=", h.municipality_id)
      .executeTakeFirstOrThrow();
    refuseIf(
      closeRefusal(
        actor,
        {
          ...facts(h),
          state: h.state,
          commentStartAt: h.comment_start_at,
          minCommentDays: Number(m.min_comment_days),
        },
        now(),
      ),
    );
    const at = nowIso();
    await trx
      .updateTable("hearings")
      .set({ state: "closed", closed_at: at, updated_at: at })
      .where("id", "=", id)
      .execute();
    await transition(trx, id, "open", "closed", actor.id, reason?.trim() || null, at);
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: "hearing.close",
      targetType: "hearing",
      targetId: id,
    });
    await emit(trx, { type: "hearing.closed", hearingId: id });
  });
}

export async function cancelHearing(
  db: DB,
  actor: Actor,
  id: number,
  reason: string,
): Promise<void> {
  if (!reason.trim()) throw new DomainError("hearings:errors.reasonRequired", {}, 400, "reason");
  await syncDerivedState(db, id);
  await db.transaction().execute(async (trx) => {
    const h = await loadHearing(trx, id);
    refuseIf(cancelRefusal(actor, { ...facts(h), state: h.state }));
    const at = nowIso();
    await trx
      .updateTable("hearings")
      .set({ state: "cancelled", cancel_reason: reason.trim(), updated_at: at })
      .where("id", "=", id)
      .execute();
    await transition(trx, id, h.state, "cancelled", actor.id, reason.trim(), at);
    await audit(trx, {
      actorUserId: actor.id,
      municipalityId: h.municipality_id,
      action: "hearing.cancel",
      targetType: "hearing",
      targetId: id,
      details: { reason: reason.trim() },
    });
  });
}

/**
 * Time-driven states (announced → open → closed) are derived on read; the first time a change is
 * seen it is stored, with a transition whose actor is null (the clock). Returns the state.
 */
/**
 * Store a hearing's time-driven state change (announced → open → closed by its dates), its
 * transitions and, on closing, the "hearing.closed" event, in one transaction. Safe when several
 * instances run it at once: the update is conditional on the stored state, so only one records it.
 * Called by the job tick and by commands before they check the state; never by a read.
 * Returns the derived state, or null when there is no such hearing.
 */
export async function syncDerivedState(db: DB, id: number): Promise<HearingState | null> {
  const h = await db
    .selectFrom("hearings")
    .select(["id", "state", "comment_start_at", "comment_end_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!h) return null;
  const derived = deriveState(h, now());
  const steps = pendingClockSteps(h, now());
  if (!steps.length) return derived;
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("hearings")
      .set({
        state: derived,
        ...(derived === "closed" ? { closed_at: h.comment_end_at } : {}),
      })
      .where("id", "=", id)
      .where("state", "=", h.state) // someone else may have recorded it first
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return;
    for (const s of steps) await transition(trx, id, s.from, s.to, null, null, s.at);
    if (derived === "closed") await emit(trx, { type: "hearing.closed", hearingId: id });
  });
  return derived;
}

/**
 * Store the time-driven changes of every announced/open hearing whose dates have passed (of one
 * municipality, or all). The job tick calls this; returns how many hearings changed state.
 */
export async function syncDueStates(db: DB, municipalityId?: number): Promise<number> {
  let q = db
    .selectFrom("hearings")
    .select(["id", "state", "comment_start_at", "comment_end_at"])
    .where("state", "in", ["announced", "open"]);
  if (municipalityId !== undefined) q = q.where("municipality_id", "=", municipalityId);
  const rows = await q.execute();
  const t = now();
  let changed = 0;
  for (const r of rows)
    if (deriveState(r, t) !== r.state) {
      await syncDerivedState(db, r.id);
      changed++;
    }
  return changed;
}
