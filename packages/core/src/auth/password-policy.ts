export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// A short list of the passwords most often tried first; a real breach corpus belongs in a
// service, but these never pass.
const COMMON_PASSWORDS = new Set([
  'password123',
  'password1234',
  '1234567890',
  'qwertyuiop',
  'letmein123',
  'iloveyou12',
  'administrator',
  'welcome123',
  'trading123',
  'passw0rd123',
]);

/**
 * Checks a new password and returns every problem in words a person understands, or an empty
 * list when it is acceptable. Length matters more than character classes (NIST SP 800-63B),
 * so only length, a mix of letters and digits, and the obvious guesses are checked.
 */
export function passwordProblems(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    problems.push('must contain at least one letter and one digit');
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) problems.push('is too common');
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart)) {
    problems.push('must not contain your email address');
  }
  return problems;
}
