/**
 * The stage of a hearing as the public sees it: once closed, it follows the protocol (drafted,
 * submitted, approved, returned). Labels: `protocol:stage.<value>`. For the hearing pages and API.
 */
import type { HearingState, ProtocolStage } from "#db/schema";

export type PublicStage =
  | Exclude<HearingState, "closed">
  | "closed"
  | "protocol_drafted"
  | "protocol_submitted"
  | "protocol_approved"
  | "protocol_returned";

export function publicStage(
  hearingState: HearingState,
  protocolState: ProtocolStage | null | undefined,
): PublicStage {
  if (hearingState !== "closed" || !protocolState) return hearingState;
  return `protocol_${protocolState}`;
}

/** The i18n key of a stage's label, e.g. t(publicStageKey(s)). */
export function publicStageKey(stage: PublicStage): string {
  return `protocol:stage.${stage}`;
}
