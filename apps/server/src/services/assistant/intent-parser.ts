import distance from 'damerau-levenshtein';

/**
 * What a message asks for: a tool with its arguments, or a reply that needs no data. `bot` is a
 * bot's exact name when the message named one of the caller's bots (typos forgiven), else the
 * words that stood where a name would (`''` when there were none).
 */
export type Intent =
  | { kind: 'tool'; tool: string; args: Record<string, unknown> }
  | { kind: 'greeting' | 'help' | 'unknown' }
  | { kind: 'need_bot' }
  | { kind: 'start_help'; missing: string[] };

/** What the parser knows of the caller: the names of their bots and the strategy names. */
export type IntentVocabulary = {
  botNames: readonly string[];
  /** Built-in algorithms and template ids/names (`MovingAverage`, `golden-cross`). */
  strategyNames: readonly string[];
};

// Every word the rules look at, and the filler words around them. Unknown words are corrected
// to the nearest of these (Damerau-Levenshtein: a swap of two letters is one edit).
const KEYWORDS = {
  stop: ['stop', 'halt', 'kill', 'shutdown', 'terminate', 'cancel', 'end'],
  pause: ['pause', 'suspend', 'freeze', 'hold'],
  resume: ['resume', 'unpause', 'continue', 'restart', 'reactivate', 'unfreeze', 'restore'],
  start: ['start', 'launch', 'create', 'run', 'begin', 'spin', 'deploy', 'new'],
  all: ['all', 'everything', 'every', 'bots', 'everybody', 'switch'],
  why: ['why', 'reason', 'happened', 'cause', 'caused'],
  stopped: ['stopped', 'paused', 'halted', 'died', 'failed', 'crashed', 'broke', 'quit', 'ended'],
  best: ['best', 'top', 'winning', 'winner', 'strongest', 'profitable', 'leader'],
  worst: ['worst', 'losing', 'loser', 'weakest', 'underperforming', 'least', 'bottom', 'poorest'],
  positions: ['position', 'positions', 'holding', 'holdings', 'exposure', 'holds', 'hold'],
  alerts: ['alert', 'alerts', 'warning', 'warnings', 'alarm', 'alarms', 'notifications'],
  backtests: ['backtest', 'backtests', 'backtesting', 'backtested', 'simulation', 'simulations'],
  list: ['list', 'which', 'show', 'names', 'enumerate'],
  portfolio: [
    'portfolio',
    'status',
    'overview',
    'summary',
    'doing',
    'going',
    'performance',
    'performing',
    'profit',
    'profits',
    'pnl',
    'capital',
    'money',
    'balance',
    'equity',
    'earned',
    'made',
    'gains',
    'returns',
    'report',
    'update',
  ],
  greeting: ['hi', 'hello', 'hey', 'morning', 'evening', 'afternoon', 'howdy', 'greetings'],
  help: ['help', 'commands', 'capabilities'],
  botWord: ['bot', 'robot'],
  trades: ['trades', 'trade', 'trading', 'fills', 'orders', 'recent', 'last', 'latest'],
} as const;
const FILLER = [
  'please',
  'can',
  'could',
  'would',
  'will',
  'you',
  'kindly',
  'go',
  'ahead',
  'and',
  'i',
  'want',
  'to',
  'like',
  'lets',
  'let',
  'us',
  'me',
  'now',
  'just',
  'id',
  'need',
  'immediately',
  'right',
  'away',
  'quickly',
  'ok',
  'okay',
  'so',
  'then',
];
const STOP_WORDS = new Set([
  ...FILLER,
  'my',
  'the',
  'a',
  'an',
  'is',
  'are',
  'was',
  'were',
  'did',
  'does',
  'do',
  'has',
  'have',
  'had',
  'how',
  'what',
  'whats',
  'hows',
  's',
  'of',
  'about',
  'for',
  'on',
  'with',
  'in',
  'it',
  'its',
  'this',
  'that',
  'there',
  'today',
  'week',
  'tell',
  'give',
  'any',
  'some',
  'currently',
  'right',
  'mine',
  'your',
  'our',
  'am',
  'be',
  'been',
  'much',
  'many',
  'at',
  'up',
  'out',
  'from',
  'using',
  'cash',
  'usd',
  'dollars',
  'strategy',
  'template',
  'time',
  'lately',
  'so',
  'far',
  'far',
  'one',
  'ones',
  'by',
  'again',
  'down',
  'off',
  'can',
  'we',
  'see',
  'check',
  'get',
  'overall',
  'everything',
  'thanks',
  'thank',
  'good',
]);
const VOCABULARY = [...new Set(Object.values(KEYWORDS).flat())];
const KNOWN_WORDS = new Set([...VOCABULARY, ...STOP_WORDS]);
const ACTION_VERBS = new Set<string>([
  ...KEYWORDS.stop,
  ...KEYWORDS.pause,
  ...KEYWORDS.resume,
  ...KEYWORDS.start,
]);

/** Lower case, letters, digits and `#` only, one space between words. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
}

/** How many edits a word of this length may be off by and still count as the word. */
function tolerance(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0;
}

/** The keyword a typo stands for, or the word itself. */
function correct(word: string): string {
  if (KNOWN_WORDS.has(word) || /\d/.test(word)) return word;
  const allowed = tolerance(word.length);
  let best: { word: string; steps: number } | undefined;
  for (const candidate of VOCABULARY) {
    if (Math.abs(candidate.length - word.length) > allowed) continue;
    const { steps } = distance(word, candidate);
    if (steps <= allowed && (best === undefined || steps < best.steps)) {
      best = { word: candidate, steps };
    }
  }
  return best?.word ?? word;
}

/** Finds a bot name (its words in a row, each within its typo tolerance) and cuts it out. */
function takeBotName(
  tokens: string[],
  botNames: readonly string[],
): { name: string; rest: string[] } | undefined {
  const byLength = [...botNames].sort(
    (a, b) => words(b).join(' ').length - words(a).join(' ').length,
  );
  for (const exact of [true, false]) {
    for (const name of byLength) {
      const nameWords = words(name);
      if (nameWords.length === 0) continue;
      for (let start = 0; start + nameWords.length <= tokens.length; start++) {
        const window = tokens.slice(start, start + nameWords.length);
        const matches = window.every((word, index) => {
          const target = nameWords[index] as string;
          if (word === target) return true;
          if (exact || KNOWN_WORDS.has(word) || word[0] !== target[0]) return false;
          // Names are short and may differ from each other by a letter: stricter than keywords.
          return distance(word, target).steps <= tolerance(target.length - 1);
        });
        if (matches) {
          const rest = [
            ...tokens.slice(0, start),
            '<bot>',
            ...tokens.slice(start + nameWords.length),
          ];
          return { name, rest };
        }
      }
    }
  }
  return undefined;
}

/** `#12`, `bot 12`, `bot #12`: a bot by id. */
function takeBotId(tokens: string[]): { name: string; rest: string[] } | undefined {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string;
    const hash = token.match(/^#(\d{1,10})$/);
    if (hash) {
      return { name: `#${hash[1]}`, rest: tokens.map((t, i) => (i === index ? '<bot>' : t)) };
    }
    const next = tokens[index + 1];
    if ((token === 'bot' || token === 'id') && next && /^#?\d{1,10}$/.test(next)) {
      const rest = [...tokens.slice(0, index), '<bot>', ...tokens.slice(index + 2)];
      return { name: `#${next.replace('#', '')}`, rest };
    }
  }
  return undefined;
}

/** A word where a bot's name would stand that is no bot of the caller's: "how is Zeta". */
function nameCandidate(tokens: string[]): string {
  const unknown = (word: string | undefined) =>
    word !== undefined && !KNOWN_WORDS.has(word) && !/^\d/.test(word);
  for (let index = 0; index < tokens.length; index++) {
    const word = tokens[index];
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (!unknown(word)) continue;
    if (
      after === 'bot' ||
      after === 's' ||
      before === 'bot' ||
      before === 'is' ||
      before === 'hows'
    ) {
      return word as string;
    }
    if (before === 'of' || before === 'about' || before === 'did' || before === 'has') {
      return word as string;
    }
    if (before !== undefined && ACTION_VERBS.has(before)) return word as string;
  }
  return '';
}

/** The first number that is not part of a symbol: `10k`, `$5,000`, `2500.50`. */
function cashIn(message: string): number | undefined {
  const match = message.match(
    /(?<![\w/.])\$?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?([km])?(?![\w/])/i,
  );
  if (!match) return undefined;
  const base = Number(`${(match[1] as string).replaceAll(',', '')}${match[2] ?? ''}`);
  const scale = { k: 1_000, m: 1_000_000 }[(match[3] ?? '').toLowerCase()] ?? 1;
  return base * scale;
}

const SYMBOL_INTRO = new Set(['on', 'trading', 'symbols', 'symbol', 'for', 'in']);
const SYMBOL_SEPARATORS = new Set(['and', '&', ',']);

/** Symbols after `on` / `trading` / `symbols`: `on AAPL, MSFT and BTC/USDT`. */
function symbolsIn(message: string): string[] {
  const tokens = message.replace(/,/g, ' , ').split(/\s+/).filter(Boolean);
  for (let start = 0; start < tokens.length; start++) {
    if (!SYMBOL_INTRO.has((tokens[start] as string).toLowerCase())) continue;
    const symbols: string[] = [];
    for (const raw of tokens.slice(start + 1)) {
      const token = raw.replace(/[.?!]+$/, '');
      if (SYMBOL_SEPARATORS.has(token.toLowerCase())) continue;
      if (!/^[A-Za-z][A-Za-z0-9.-]{0,14}(\/[A-Za-z0-9]{1,10})?$/.test(token)) break;
      if (KNOWN_WORDS.has(token.toLowerCase())) break;
      symbols.push(token.toUpperCase());
    }
    if (symbols.length > 0) return symbols;
  }
  return [];
}

/** A strategy or template named in the message (`golden cross`, `moving average`, `Momentum`). */
function strategyIn(message: string, strategyNames: readonly string[]): string | undefined {
  const squashed = words(message).join('');
  const spaced = ` ${words(message).join(' ')} `;
  const nameWords = (name: string) => words(name.replace(/([a-z])([A-Z])/g, '$1 $2'));
  // Longest first, so `golden cross` wins over a shorter name inside it; among equals the
  // earlier (built-in algorithms come before templates).
  const byLength = [...strategyNames].sort(
    (a, b) => nameWords(b).join('').length - nameWords(a).join('').length,
  );
  return byLength.find((name) => {
    const parts = nameWords(name);
    return spaced.includes(` ${parts.join(' ')} `) || squashed.includes(parts.join(''));
  });
}

function has(tokens: readonly string[], group: keyof typeof KEYWORDS): boolean {
  const set: readonly string[] = KEYWORDS[group];
  return tokens.some((token) => set.includes(token));
}

/** Drops leading filler ("please", "can you", "I want to") so the verb comes first. */
function imperativeVerb(tokens: readonly string[]): string | undefined {
  return tokens.find((token) => !FILLER.includes(token));
}

function startIntent(message: string, vocabulary: IntentVocabulary): Intent {
  const strategy = strategyIn(message, vocabulary.strategyNames);
  const cash = cashIn(message);
  const symbols = symbolsIn(message);
  const missing = [
    ...(strategy ? [] : ['strategy']),
    ...(cash === undefined ? ['cash'] : []),
    ...(symbols.length === 0 ? ['symbols'] : []),
  ];
  if (missing.length > 0 || !strategy || cash === undefined) return { kind: 'start_help', missing };
  return { kind: 'tool', tool: 'start_bot', args: { strategy, cash, symbols } };
}

/**
 * The deterministic, offline reading of a chat message: plain English with typos and
 * paraphrases, no network. Rules, in order: a greeting or help; "why did X stop"; a command
 * (stop / pause / resume / start, after any "please" or "can you"); then questions about the
 * best and worst bot, positions, alerts, backtests, one bot, the list of bots, the portfolio.
 */
export function parseIntent(message: string, vocabulary: IntentVocabulary): Intent {
  const raw = words(message);
  const found = takeBotId(raw) ?? takeBotName(raw, vocabulary.botNames);
  const tokens = (found?.rest ?? raw).map((word) => (word === '<bot>' ? word : correct(word)));
  const bot = found?.name ?? nameCandidate(tokens);
  const tool = (name: string, args: Record<string, unknown> = {}): Intent => ({
    kind: 'tool',
    tool: name,
    args,
  });
  const botTool = (name: string): Intent =>
    bot === '' ? { kind: 'need_bot' } : tool(name, { bot });
  if (tokens.length === 0) return { kind: 'unknown' };

  const meaningful = tokens.filter((token) => !STOP_WORDS.has(token));
  if (has(tokens, 'help') || /what can you do/.test(tokens.join(' '))) return { kind: 'help' };
  if (
    meaningful.length > 0 &&
    meaningful.every((token) => KEYWORDS.greeting.includes(token as never))
  ) {
    return { kind: 'greeting' };
  }
  if (has(tokens, 'why') || (has(tokens, 'stopped') && /^(what|how come)/.test(tokens.join(' ')))) {
    return botTool('why_bot_stopped');
  }

  const verb = imperativeVerb(tokens);
  const inGroup = (group: keyof typeof KEYWORDS) =>
    verb !== undefined && (KEYWORDS[group] as readonly string[]).includes(verb);
  const everything = has(tokens, 'all') && found === undefined;
  if (inGroup('stop')) return everything ? tool('stop_all_bots') : botTool('stop_bot');
  if (inGroup('pause')) return botTool('pause_bot');
  if (inGroup('resume')) return botTool('resume_bot');
  if (inGroup('start')) {
    if (found !== undefined && !strategyIn(message, vocabulary.strategyNames)) {
      return botTool('resume_bot');
    }
    return startIntent(message, vocabulary);
  }

  if (has(tokens, 'best') || has(tokens, 'worst')) return tool('best_and_worst_bots');
  if (has(tokens, 'positions')) return tool('open_positions');
  if (has(tokens, 'alerts')) return tool('recent_alerts');
  if (has(tokens, 'backtests')) return tool('backtest_results');
  if (found !== undefined || bot !== '') return botTool('bot_status');
  if (has(tokens, 'trades')) return { kind: 'need_bot' };
  if (has(tokens, 'list') && (tokens.includes('bots') || tokens.includes('bot'))) {
    return tool('list_bots');
  }
  if (has(tokens, 'portfolio') || tokens.includes('how') || tokens.includes('bots')) {
    return tool('portfolio_status');
  }
  return { kind: 'unknown' };
}
