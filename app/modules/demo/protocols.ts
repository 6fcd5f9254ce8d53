import { loadSessionUser } from "~/modules/auth/session.server";
import { decideProtocol, saveDraft, submitProtocol } from "~/modules/protocol/commands.server";
import { isDomainError } from "~/modules/core/errors";
import { toBishkekDateInput } from "~/modules/format/time";
import type { SeedContext } from "./index";
import type { SeededHearings } from "./hearings";

/**
 * Demo: the closed development-programme hearing gets an approved protocol (drafted by the demo
 * official, approved by the demo council secretary with a resolution number and date), built from
 * whatever record that hearing has. Skipped when the hearing is missing or not closed.
 */
export async function seedProtocols(ctx: SeedContext, hearings: SeededHearings): Promise<void> {
  const hearingId = hearings.devPlan;
  if (hearingId == null) return;
  const { db, accounts } = ctx;
  const official = await loadSessionUser(db, accounts.official);
  const secretary = await loadSessionUser(db, accounts.secretary);
  if (!official || !secretary) return;
  try {
    await saveDraft(db, official, hearingId, {
      chairName: "Жылдыз Асанова",
      secretaryName: "Айнура Үсөнова",
      conclusionsKy:
        "Социалдык-экономикалык өнүктүрүү программасын тургундардын кабыл алынган сунуштарын эске алуу менен бекитүү сунушталат. (Демо мазмун)",
      conclusionsRu:
        "Рекомендуется утвердить программу социально-экономического развития с учётом принятых предложений жителей. (Демонстрационные данные)",
    });
    const { protocolId } = await submitProtocol(db, official, hearingId);
    await decideProtocol(db, secretary, protocolId, {
      decision: "approve",
      resolutionNumber: "12/3",
      resolutionDate: toBishkekDateInput(ctx.now),
      deputies: { for: 13, against: 1, abstain: 1 },
    });
  } catch (e) {
    if (isDomainError(e)) return; // e.g. the hearing is not closed in this data
    throw e;
  }
}
