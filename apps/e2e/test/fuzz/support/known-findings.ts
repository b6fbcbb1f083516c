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

// Empty: the findings of the first runs (ids >= 2^31 and NUL/lone surrogates answering 500,
// issue 13 item 10; subscriptions answering another user's id with INTERNAL_SERVER_ERROR and a
// repeated token parameter answering 500, item 4) were fixed on main by the input-hardening and
// streams lanes. An entry looks like:
//   { door: 'tRPC', target: /^bots\.get$/, input: /"botId":2147483648/, why: /^500/,
//     reason: 'issue N item M: <lane> fixing' }
export const KNOWN_FINDINGS: KnownFinding[] = [];

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
