import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { api } from '../api/trpc.ts';
import type { TradewindOutputs } from '../api/types.ts';
import { Button } from '../ui/button.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { Field, SelectField } from '../ui/field.tsx';

type Bot = TradewindOutputs['bots']['get'];
type Command = 'pause' | 'resume' | 'stop' | 'terminate';

function useBotMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bots'] }),
        queryClient.invalidateQueries({ queryKey: ['trades'] }),
      ]),
  });
}

/** Pause, resume, stop and terminate (the last two confirmed first). */
export function BotCommands({ bot }: { bot: Bot }) {
  const command = useBotMutation((name: Command) => api.bots[name].mutate({ botId: bot.id }));
  const live = bot.status === 'ACTIVE' || bot.status === 'PAUSED';
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      {bot.status === 'ACTIVE' && (
        <Button
          variant="secondary"
          busy={command.isPending}
          onClick={() => command.mutate('pause')}
        >
          Pause
        </Button>
      )}
      {bot.status === 'PAUSED' && (
        <Button
          variant="secondary"
          busy={command.isPending}
          onClick={() => command.mutate('resume')}
        >
          Resume
        </Button>
      )}
      {live && (
        <>
          <ConfirmButton
            label="Stop"
            title="Stop this bot?"
            description="Open positions close at the last price and the bot finishes."
            confirmLabel="Stop bot"
            onConfirm={() => command.mutate('stop')}
          />
          <ConfirmButton
            label="Terminate"
            title="Terminate this bot?"
            description="The bot ends now: open positions close at the last price, recorded as a termination."
            confirmLabel="Terminate bot"
            onConfirm={() => command.mutate('terminate')}
          />
        </>
      )}
      {command.error && (
        <p role="alert" className="w-full text-sm text-danger">
          {describeError(command.error).message}
        </p>
      )}
    </div>
  );
}

/** Operator overrides: buy a symbol now, or close an open position now, at the last price. */
export function ForceOrders({ bot }: { bot: Bot }) {
  const [symbol, setSymbol] = useState(bot.symbols[0] ?? '');
  const [quantity, setQuantity] = useState('');
  const enter = useBotMutation(() =>
    api.bots.forceEnter.mutate({
      botId: bot.id,
      symbol,
      ...(quantity.trim() && { quantity: Number(quantity) }),
    }),
  );
  const exit = useBotMutation((exitSymbol: string) =>
    api.bots.forceExit.mutate({ botId: bot.id, symbol: exitSymbol }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enter.mutate(undefined);
  };
  const enterError = enter.error ? describeError(enter.error) : undefined;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <SelectField
          label="Force-enter symbol"
          value={symbol}
          options={bot.symbols}
          onChange={(event) => setSymbol(event.target.value)}
        />
        <Field
          label="Quantity (optional)"
          inputMode="decimal"
          value={quantity}
          hint="Default: what the bot's sizing allows"
          error={enterError?.fields.quantity}
          onChange={(event) => setQuantity(event.target.value)}
        />
        <Button type="submit" busy={enter.isPending}>
          Buy now
        </Button>
      </form>
      {enterError && !enterError.fields.quantity && (
        <p role="alert" className="text-sm text-danger">
          {enterError.message}
        </p>
      )}
      {enter.data && (
        <p role="status" className="text-sm">
          Bought {enter.data.quantity} {enter.data.symbol} at {enter.data.price}
        </p>
      )}
      {bot.positions.map((position) => (
        <div key={position.symbol} className="flex items-center justify-between gap-2 text-sm">
          <span>
            {position.symbol} × {position.quantity}
          </span>
          <ConfirmButton
            label={`Close ${position.symbol}`}
            title={`Close ${position.symbol} now?`}
            description="The whole position sells at the last price."
            confirmLabel="Close position"
            busy={exit.isPending}
            onConfirm={() => exit.mutate(position.symbol)}
          />
        </div>
      ))}
      {exit.error && (
        <p role="alert" className="text-sm text-danger">
          {describeError(exit.error).message}
        </p>
      )}
    </div>
  );
}
