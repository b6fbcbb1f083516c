import { appendFile, readFile } from 'node:fs/promises';
import type { TrialAnswer, TrialEvaluator, TrialRequest } from '@tradewind/engine';
import { CliError } from '../cli-error.ts';

/**
 * Makes an optimisation resumable: every answered trial is appended to `file` (JSON lines, after
 * a first line describing what the answers depend on: the data and the costs), and a rerun with
 * the same file answers those trials from it instead of running them again. The search itself is
 * seeded and deterministic, so a resumed run ends exactly as an uninterrupted one would.
 *
 * @throws CliError when the file was written for other data or costs.
 */
export async function journaled(
  file: string,
  fingerprint: unknown,
  evaluate: TrialEvaluator,
): Promise<{ evaluate: TrialEvaluator; resumed: number }> {
  const header = JSON.stringify({ journal: 'tradewind optimize', for: fingerprint });
  const answers = new Map<string, TrialAnswer>();
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new CliError(`cannot read journal ${file}: ${error.message}`);
  });
  if (text === null || text === '') await appendFile(file, `${header}\n`);
  else {
    const [first, ...lines] = text.split('\n').filter((line) => line !== '');
    if (first !== header) {
      throw new CliError(`journal ${file} was written for other data, strategy or costs`);
    }
    for (const line of lines) {
      // A line cut short by a kill is the only one that can fail to parse: the last one.
      try {
        const { key, answer } = JSON.parse(line) as { key: string; answer: TrialAnswer };
        answers.set(key, answer);
      } catch {}
    }
  }
  const resumed = answers.size;
  const keyOf = (request: TrialRequest) => JSON.stringify([request.sample, request.params]);
  return {
    resumed,
    evaluate: async (requests) => {
      const missing = requests.filter((request) => !answers.has(keyOf(request)));
      const fresh = missing.length === 0 ? [] : await evaluate(missing);
      const lines = missing.map((request, i) => {
        answers.set(keyOf(request), fresh[i] as TrialAnswer);
        return `${JSON.stringify({ key: keyOf(request), answer: fresh[i] })}\n`;
      });
      if (lines.length > 0) await appendFile(file, lines.join(''));
      return requests.map((request) => answers.get(keyOf(request)) as TrialAnswer);
    },
  };
}
