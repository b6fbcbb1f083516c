import { WEBHOOK_EVENT_TYPES, ZWebhookCreateInput } from '@tradewind/core';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/errors.ts';
import { Button } from '../ui/button.tsx';
import { Field } from '../ui/field.tsx';

export type WebhookDraft = { url: string; events: string[]; secret: string };

/**
 * Add or edit a webhook: URL, events, optional signing secret. The contract's schema checks
 * each field before sending; the server's refusals (a private address) land beside the URL.
 */
export function WebhookForm({
  initial = { url: '', events: ['trade.executed'], secret: '' },
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: WebhookDraft;
  submitLabel: string;
  onSubmit: (draft: {
    url: string;
    events: (typeof WEBHOOK_EVENT_TYPES)[number][];
    secret?: string;
  }) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = ZWebhookCreateInput.safeParse({
      url: draft.url,
      events: draft.events,
      ...(draft.secret && { secret: draft.secret }),
    });
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues)
        found[String(issue.path[0] ?? 'url')] ??= issue.message;
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        url: checked.data.url,
        events: checked.data.events,
        ...(checked.data.secret && { secret: checked.data.secret }),
      });
      setErrors({});
      setDraft(initial);
    } catch (error) {
      const problem = describeError(error);
      setErrors(Object.keys(problem.fields).length ? problem.fields : { url: problem.message });
    } finally {
      setBusy(false);
    }
  };
  const toggleEvent = (type: string) =>
    setDraft({
      ...draft,
      events: draft.events.includes(type)
        ? draft.events.filter((event) => event !== type)
        : [...draft.events, type],
    });
  return (
    <form className="grid gap-3" onSubmit={submit} noValidate>
      <Field
        label="Endpoint URL"
        type="url"
        value={draft.url}
        onChange={(event) => setDraft({ ...draft, url: event.target.value })}
        error={errors.url}
      />
      <fieldset aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend className="text-sm font-medium">Events</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.events.includes(type)}
                onChange={() => toggleEvent(type)}
              />
              {type}
            </label>
          ))}
        </div>
        {errors.events && (
          <p id="webhook-events-error" role="alert" className="text-xs text-danger">
            {errors.events}
          </p>
        )}
      </fieldset>
      <Field
        label="Signing secret (optional)"
        type="password"
        autoComplete="off"
        hint="At least 16 characters; deliveries are signed with it (Standard Webhooks)"
        value={draft.secret}
        onChange={(event) => setDraft({ ...draft, secret: event.target.value })}
        error={errors.secret}
      />
      <div className="flex gap-2">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
