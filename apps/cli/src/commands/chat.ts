import { createInterface } from 'node:readline';
import type { TradewindClient } from '@tradewind/sdk';
import { Command } from 'commander';
import { withConnection } from '../connection.ts';
import { positiveInteger } from '../option-parsers.ts';
import { printJson } from '../output.ts';

type ChatOptions = {
  confirm?: string;
  history?: boolean;
  limit: number;
  clear?: boolean;
  yes?: boolean;
  json?: boolean;
};

type Reply = Awaited<ReturnType<TradewindClient['chat']['message']['mutate']>>;

/** The next line a person types (or a script pipes); undefined once input ends. */
type NextLine = (prompt: string) => Promise<string | undefined>;

function lineReader(): { next: NextLine; close(): void } {
  const reader = createInterface({ input: process.stdin, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  return {
    next: async (prompt) => {
      process.stderr.write(prompt);
      const line = await lines.next();
      return line.done ? undefined : line.value;
    },
    close: () => reader.close(),
  };
}

/**
 * Prints an answer, then asks y/N for each proposed action and confirms the accepted ones.
 * Without a way to ask (no terminal in one-shot mode), prints how to confirm later.
 */
async function handleReply(
  client: TradewindClient,
  reply: Reply,
  ask: NextLine | undefined,
  yes: boolean,
): Promise<void> {
  console.log(reply.response);
  for (const action of reply.actions) {
    if (!yes && ask === undefined) {
      console.log(`To confirm (within 5 minutes): tradewind chat --confirm ${action.token}`);
      continue;
    }
    const answer = yes ? 'y' : await ask?.(`Confirm: ${action.description}? [y/N] `);
    if (!/^y(es)?$/i.test(answer?.trim() ?? '')) {
      console.log('Not confirmed; nothing changed.');
      continue;
    }
    console.log((await client.chat.confirm.mutate({ token: action.token })).response);
  }
}

async function interactive(client: TradewindClient, limit: number): Promise<void> {
  const { greeting, dailyReport } = await client.chat.greeting.mutate();
  console.log(greeting);
  console.log(dailyReport.summary);
  for (const highlight of dailyReport.highlights) console.log(`- ${highlight}`);
  const { messages } = await client.chat.history.query({ limit });
  if (messages.length > 0) console.log(`\nEarlier (last ${messages.length}):`);
  for (const message of messages) console.log(`${message.role}: ${message.content}`);
  console.log('\nAsk anything; /history, /clear, /exit.');
  const reader = lineReader();
  try {
    for (;;) {
      const line = await reader.next('> ');
      if (line === undefined || line.trim() === '/exit') break;
      const text = line.trim();
      if (text === '') continue;
      if (text === '/clear') console.log((await client.chat.clear.mutate()).message);
      else if (text === '/history') {
        for (const message of (await client.chat.history.query({ limit })).messages) {
          console.log(`${message.role}: ${message.content}`);
        }
      } else {
        await handleReply(
          client,
          await client.chat.message.mutate({ message: text }),
          reader.next,
          false,
        );
      }
    }
  } finally {
    reader.close();
  }
}

/** `tradewind chat`: the assistant, interactive or one question at a time. */
export function chatCommand(): Command {
  return new Command('chat')
    .description(
      'ask the assistant about your bots, or have it act once you confirm; without a message, an interactive session',
    )
    .argument('[message...]', 'one question or command, e.g. "how are my bots?"')
    .option('--confirm <token>', 'confirm an action the assistant proposed')
    .option('--history', 'print your conversation so far')
    .option('--limit <count>', 'messages of history to show (default 50)', positiveInteger, 50)
    .option('--clear', 'delete your conversation history')
    .option('--yes', 'confirm the proposed actions without asking')
    .option('--json', 'print JSON for scripts')
    .action(async (words: string[], options: ChatOptions, command: Command) => {
      await withConnection(command, 'required', async ({ client }) => {
        if (options.confirm !== undefined) {
          const done = await client.chat.confirm.mutate({ token: options.confirm });
          return options.json ? printJson(done) : console.log(done.response);
        }
        if (options.clear) {
          const cleared = await client.chat.clear.mutate();
          return options.json ? printJson(cleared) : console.log(cleared.message);
        }
        if (options.history) {
          const history = await client.chat.history.query({ limit: options.limit });
          if (options.json) return printJson(history);
          for (const message of history.messages) {
            console.log(`${message.timestamp} ${message.role}: ${message.content}`);
          }
          return;
        }
        if (words.length === 0) return interactive(client, options.limit);
        const reply = await client.chat.message.mutate({ message: words.join(' ') });
        if (options.json) return printJson(reply);
        const reader = process.stdin.isTTY ? lineReader() : undefined;
        try {
          await handleReply(client, reply, reader?.next, options.yes === true);
        } finally {
          reader?.close();
        }
      });
    });
}
