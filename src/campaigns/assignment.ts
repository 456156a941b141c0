/**
 * Which arm a campaign member lands in: a pure function of (campaign id, user id), so a
 * re-run, a retried launch or a second API replica assigns every user to the same arm with
 * nothing shared but the ids. The hash is SHA-256 (uniform, and the same in every process and
 * language that checks an export); its first 52 bits are a number in [0, 1) that falls in one
 * arm's slice of the cumulative shares, the control arm's slice first.
 */
import { createHash } from 'node:crypto';

/** An arm's name and traffic share (shares of a campaign sum to 1). */
export interface ArmShare {
  name: string;
  share: number;
}

/** The uniform draw in [0, 1) of one (campaign, user). */
export function assignmentDraw(campaignId: string, userId: string): number {
  const digest = createHash('sha256').update(`${campaignId}\u0000${userId}`).digest();
  // 52 bits: every value is exact in a double, so the draw is the same on every platform.
  const high = digest.readUInt32BE(0) >>> 12; // 20 bits
  const low = digest.readUInt32BE(4); // 32 bits
  return (high * 2 ** 32 + low) / 2 ** 52;
}

/** The arm a draw falls in; the last arm takes any rounding left at the top. */
export function armForDraw(arms: readonly ArmShare[], draw: number): string {
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += arm.share;
    if (draw < cumulative) return arm.name;
  }
  const last = arms[arms.length - 1];
  if (!last) throw new Error('armForDraw: a campaign has at least one arm');
  return last.name;
}

/** The arm of one member. */
export function assignArm(campaignId: string, userId: string, arms: readonly ArmShare[]): string {
  return armForDraw(arms, assignmentDraw(campaignId, userId));
}
