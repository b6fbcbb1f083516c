export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** What the refusal says about the rules, so a person knows what would pass. */
export const PASSWORD_POLICY =
  `at least ${PASSWORD_MIN_LENGTH} characters, not a common or breached password and not ` +
  'built on your email; any characters, no composition rules (NIST SP 800-63B)';

// The passwords at the top of public breach corpora that are long enough to pass the length
// rule (shorter ones never pass anyway). A full breach corpus belongs in a service; these
// never pass.
const COMMON_PASSWORDS = new Set([
  '0123456789',
  '1111111111',
  '1234567890',
  '12345678910',
  '123456789a',
  '1234567890a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'a123456789',
  'abcd123456',
  'administrator',
  'asdfghjkl1',
  'changeme123',
  'football123',
  'iloveyou12',
  'iloveyou123',
  'letmein123',
  'monkey12345',
  'passw0rd123',
  'password01',
  'password12',
  'password123',
  'password1234',
  'password12345',
  'qwerty12345',
  'qwerty123456',
  'qwertyuiop',
  'qwertyuiop1',
  'sunshine123',
  'trading123',
  'tradewind123',
  'welcome123',
  'zaq12wsxcde',
]);

/** Ten or more of one character, or a run such as `abcdefghij` / `9876543210`. */
function isRepetitiveOrSequential(password: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH) return false;
  if (new Set(password).size === 1) return true;
  const codes = [...password].map((char) => char.charCodeAt(0));
  const steps = new Set(codes.slice(1).map((code, index) => code - (codes[index] as number)));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/**
 * Checks a new password and returns every problem in words a person understands, or an empty
 * list when it is acceptable. Following NIST SP 800-63B: a minimum length, a check against
 * common, breached, repetitive and context-specific passwords (the email, the service's name),
 * and no composition rules (no required digits, capitals or symbols).
 */
export function passwordProblems(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || isRepetitiveOrSequential(lowered)) {
    problems.push('is too common');
  }
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart)) {
    problems.push('must not contain your email address');
  }
  return problems;
}

/** The refusal message for `field`: every problem, then the rules. */
export function passwordRefusal(field: string, problems: readonly string[]): string {
  return `${field}: ${problems.join('; ')} (password rules: ${PASSWORD_POLICY})`;
}
