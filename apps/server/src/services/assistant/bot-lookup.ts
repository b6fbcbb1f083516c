import type { Bot } from '@tradewind/core';
import type { ToolOutcome } from './assistant-tool.ts';

/** Lower case, letters and digits only, single spaces: how names are compared. */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The caller's bot named `reference` (case and punctuation ignored), or `#12` / `12` / `bot 12`
 * by id, among the caller's own bots only: another user's bot is never found, so never named.
 */
export function findBot(bots: readonly Bot[], reference: string): Bot | undefined {
  const id = reference.trim().match(/^(?:bot\s*)?#?\s*(\d{1,10})$/i)?.[1];
  if (id !== undefined) return bots.find((bot) => bot.id === Number(id));
  const wanted = normalizeName(reference);
  return (
    bots.find((bot) => normalizeName(bot.name) === wanted) ??
    bots.find((bot) => normalizeName(bot.name) === wanted.replace(/^bot /, '').replace(/ bot$/, ''))
  );
}

/** `Alpha (#3)`: a bot as the assistant names it. */
export function botLabel(bot: Pick<Bot, 'id' | 'name'>): string {
  return `${bot.name} (#${bot.id})`;
}

/**
 * The answer for a bot the caller does not have: lists the caller's bots. It does not repeat
 * the name asked for, so a name of someone else's bot gets exactly the answer a made-up one does.
 */
export function unknownBot(bots: readonly Bot[]): ToolOutcome {
  const yours = bots.map(botLabel);
  const text =
    yours.length === 0
      ? "I couldn't find that bot: you have no bots yet."
      : `I couldn't find that bot among yours. Your bots: ${yours.join(', ')}.`;
  return { text, data: { error: 'unknown bot', yourBots: yours } };
}
