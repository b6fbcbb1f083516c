/**
 * The one allow-list of the fuzz and cross-user suites: real defects found by them and not
 * fixed on main yet, each with the issue item and the lane fixing it. A finding matching an
 * entry is still counted and printed; everything else fails. Remove an entry with its fix (the
 * report prints entries that matched nothing, so a stale one is seen).
 */
export type KnownFinding = {
  door: 'tRPC' | 'REST' | 'raw' | 'cross-user';
  target: RegExp;
  /** Matched against the input sent (JSON). */
  input?: RegExp;
  /** Matched against why it failed (status or leak, and the start of the answer). */
  why: RegExp;
  reason: string;
};

/** An id of 2^31 or more (up to 2^53 passes the schemas) in any id field. */
const INT4_OVERFLOW =
  /"(id|\w+Id)":"?(214748364[89]|21474836[5-9]\d|2147483[7-9]\d\d|214748[4-9]\d{3}|21474[9]\d{4}|2147[5-9]\d{5}|214[89]\d{6}|21[5-9]\d{7}|2[2-9]\d{8}|[3-9]\d{9}|\d{11,})/;

export const KNOWN_FINDINGS: KnownFinding[] = [
  {
    door: 'tRPC',
    target: /./,
    input: INT4_OVERFLOW,
    why: /^500|INTERNAL_SERVER_ERROR|out of range/,
    reason:
      'issue 13 item 10: ids >= 2^31 reach the int4 columns (500, or "out of range" in a stream); input-hardening lane (zId in core, procedures not switched yet)',
  },
  {
    door: 'REST',
    target: /\{botId\}/,
    input: INT4_OVERFLOW,
    why: /^500/,
    reason: 'issue 13 item 10 (REST path ids >= 2^31): input-hardening lane',
  },
  {
    door: 'raw',
    target: /^GET \/api\/enterprise\/bots\/2147483648$/,
    why: /^500/,
    reason: 'issue 13 item 10 (REST path ids >= 2^31): input-hardening lane',
  },
  {
    door: 'raw',
    target: /^POST \/trpc\/auth\.(login|register)$/,
    why: /^500/,
    reason:
      'issue 13 item 10 (NUL / lone surrogate in strings, unauthenticated): input-hardening lane',
  },
];

/** The entry that explains a finding, if any. */
export function knownFinding(finding: {
  door: string;
  target: string;
  input?: string;
  why: string;
}): KnownFinding | undefined {
  return KNOWN_FINDINGS.find(
    (known) =>
      known.door === finding.door &&
      known.target.test(finding.target) &&
      (!known.input || known.input.test(finding.input ?? '')) &&
      known.why.test(finding.why),
  );
}
